package dev.authgateway.resource.config;

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
		return new OpenAPI().info(new Info().title("auth-gateway: resource service")
			.version("v1")
			.description(
					"Public and protected items. Every call with a token is checked against the gateway's JWK set; scopes data:read and data:write, admins see and change everyone's items."))
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
