package dev.authgateway.resource.me;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.authgateway.support.ServiceSupportAutoConfiguration;
import dev.authgateway.resource.config.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

@WebFluxTest(controllers = MeController.class, properties = "tokens.issuer=http://gateway.test")
@Import({ SecurityConfiguration.class, ServiceSupportAutoConfiguration.class })
class MeControllerTests {

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private ReactiveJwtDecoder decoder;

	@Test
	void theCallerIsDescribedFromItsToken() {
		Instant expiresAt = Instant.parse("2026-11-29T12:00:00Z");
		this.client
			.mutateWith(mockJwt().jwt((jwt) -> jwt.subject("11111111-1111-4111-8111-111111111111")
				.claim("preferred_username", "alice")
				.claim("scope", "data:read data:write")
				.claim("roles", List.of("USER"))
				.expiresAt(expiresAt)).authorities(new SimpleGrantedAuthority("SCOPE_data:read")))
			.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sub")
			.isEqualTo("11111111-1111-4111-8111-111111111111")
			.jsonPath("$.username")
			.isEqualTo("alice")
			.jsonPath("$.scope")
			.isEqualTo(List.of("data:read", "data:write"))
			.jsonPath("$.roles")
			.isEqualTo(List.of("USER"))
			.jsonPath("$.expiresAt")
			.isEqualTo("2026-11-29T12:00:00Z");
	}

	@Test
	void anAnonymousCallerIsUnauthorizedWithABearerChallenge() {
		this.client.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
	}

}
