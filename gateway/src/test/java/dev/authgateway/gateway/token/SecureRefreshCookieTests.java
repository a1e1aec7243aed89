package dev.authgateway.gateway.token;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.authgateway.support.ServiceSupportAutoConfiguration;
import dev.authgateway.gateway.config.SecurityConfiguration;
import dev.authgateway.gateway.session.RefreshToken;
import dev.authgateway.gateway.session.RefreshTokens;
import dev.authgateway.gateway.web.ClientAddresses;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * With an https public URL, the refresh cookie is Secure whatever scheme a request
 * arrived with.
 */
@WebFluxTest(controllers = TokenController.class, properties = "tokens.issuer=https://auth.example.test")
@Import({ SecurityConfiguration.class, ServiceSupportAutoConfiguration.class, ClientAddresses.class,
		TokenResponses.class, DPoPProofs.class, TokenControllerTests.Properties.class })
class SecureRefreshCookieTests {

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private TokenService tokens;

	@MockitoBean
	private TemporaryPasswordChange temporaryPasswords;

	@MockitoBean
	private RefreshTokens refreshTokens;

	/** Server nonces are off: a mock answers that none is required. */
	@MockitoBean
	private DPoPNonces nonces;

	@MockitoBean
	private ReactiveJwtDecoder accessTokenDecoder;

	@Test
	void aPlainHttpRequestBehindAnHttpsPublicUrlStillGetsASecurePrefixedCookieScopedToAuth() {
		given(this.tokens.login(any(), any())).willReturn(Mono
			.just(new IssuedTokens(new AccessTokenIssuer.IssuedToken("a.b.c", 300, "data:read data:write", "Bearer"),
					new RefreshToken("r".repeat(43), Instant.now().plusSeconds(86400)))));

		String cookie = this.client.post()
			.uri("http://auth.example.test/auth/token")
			.header("X-Requested-With", "XMLHttpRequest")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\":\"alice\",\"password\":\"alice-password-1\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.SET_COOKIE);

		assertThat(cookie).startsWith("__Secure-refresh_token=" + "r".repeat(43))
			.contains("; Path=/auth", "; Secure", "; HttpOnly", "; SameSite=Strict");
	}

	@Test
	void theRefreshCookieIsReadUnderItsSecurePrefixedName() {
		given(this.tokens.refresh(any(), any(), any())).willReturn(Mono
			.just(new IssuedTokens(new AccessTokenIssuer.IssuedToken("a.b.c", 300, "data:read data:write", "Bearer"),
					new RefreshToken("n".repeat(43), Instant.now().plusSeconds(86400)))));

		this.client.post()
			.uri("http://auth.example.test/auth/refresh")
			.header("X-Requested-With", "XMLHttpRequest")
			.cookie("__Secure-refresh_token", "r".repeat(43))
			.exchange()
			.expectStatus()
			.isOk();
	}

}
