package dev.authgateway.gateway.config;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description, served through the gateway. The server is "/" because callers
 * reach every API at the gateway's origin, never at this service's own address.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI openApi() {
		return new OpenAPI().info(new Info().title("auth-gateway: token service")
			.version("v1")
			.description(
					"Password login, rotating refresh tokens (script mode: in the body; browser mode: in an HttpOnly cookie), revocation (RFC 7009), introspection (RFC 7662), discovery (RFC 8414), the JWK set, and the admin API (scope admin: users, sessions, key rotation, audit log)."))
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
