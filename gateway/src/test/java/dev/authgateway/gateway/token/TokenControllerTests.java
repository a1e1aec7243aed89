package dev.authgateway.gateway.token;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.authgateway.support.ServiceSupportAutoConfiguration;
import dev.authgateway.gateway.config.SecurityConfiguration;
import dev.authgateway.gateway.session.RefreshToken;
import dev.authgateway.gateway.session.RefreshTokens;
import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.gateway.web.TrustedProxies;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

@WebFluxTest(TokenController.class)
@Import({ SecurityConfiguration.class, ServiceSupportAutoConfiguration.class, ClientAddresses.class,
		TokenResponses.class, DPoPProofs.class, TokenControllerTests.Properties.class })
class TokenControllerTests {

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
	void validCredentialsGiveABearerTokenThatIsNeverCached() {
		given(this.tokens.login(any(), any())).willReturn(Mono
			.just(new IssuedTokens(new AccessTokenIssuer.IssuedToken("a.b.c", 300, "data:read data:write", "Bearer"),
					new RefreshToken("r".repeat(43), Instant.now().plusSeconds(86400)))));

		login("{\"username\":\"alice\",\"password\":\"alice-password-1\"}").expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody()
			.jsonPath("$.access_token")
			.isEqualTo("a.b.c")
			.jsonPath("$.token_type")
			.isEqualTo("Bearer")
			.jsonPath("$.expires_in")
			.isEqualTo(300)
			.jsonPath("$.scope")
			.isEqualTo("data:read data:write")
			.jsonPath("$.refresh_token")
			.isEqualTo("r".repeat(43))
			.jsonPath("$.refresh_expires_in")
			.value((seconds) -> assertThat(((Number) seconds).longValue()).isBetween(86390L, 86400L));
	}

	@Test
	void badCredentialsAreUnauthorizedWithAProblemThatDoesNotSayWhichPartWasWrong() {
		given(this.tokens.login(any(), any())).willReturn(Mono.error(new InvalidCredentialsException()));

		login("{\"username\":\"alice\",\"password\":\"wrong-password\"}").expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.detail")
			.isEqualTo("The username or password is incorrect.");
	}

	@Test
	void malformedJsonIsABadRequestProblem() {
		login("{\"username\":\"alice\",").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.trace")
			.doesNotExist();
		verifyNoInteractions(this.tokens);
	}

	@Test
	void missingFieldsAreListedInTheProblem() {
		login("{}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'username')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'password')]")
			.exists();
		verifyNoInteractions(this.tokens);
	}

	@Test
	void passwordsLongerThan128CharactersAreRefusedBeforeHashing() {
		login("{\"username\":\"alice\",\"password\":\"" + "x".repeat(129) + "\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("password");
		verifyNoInteractions(this.tokens);
	}

	@Test
	void aNulCharacterInAUsernameIsRefusedByNameBeforeAnythingLooksItUp() {
		login("{\"username\":\"\\u0000alice\",\"password\":\"alice-password-1\"}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("username");
		verifyNoInteractions(this.tokens);
	}

	@Test
	void aUsernameWithLettersNoAccountNameHasIsRefusedBeforeAnythingCountsIt() {
		login("{\"username\":\"ADM\u0130N\",\"password\":\"admin-password-1\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("username");
		verifyNoInteractions(this.tokens);
	}

	@Test
	void aControlCharacterInAPasswordIsRefusedByName() {
		login("{\"username\":\"alice\",\"password\":\"alice\\u001bpassword\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("password");
		verifyNoInteractions(this.tokens);
	}

	@Test
	void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem() {
		this.client.post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("username=alice&password=alice-password-1")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.tokens);
	}

	@Test
	void getOnTheTokenEndpointIsMethodNotAllowed() {
		this.client.get()
			.uri("/auth/token")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ TokenProperties.class, DPoPProperties.class, TrustedProxies.class })
	static class Properties {

	}

	private WebTestClient.ResponseSpec login(String json) {
		return this.client.post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

}
