package dev.authgateway.support.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules every signed access token must meet, one broken rule at a time. */
class AccessTokenRulesTests {

	private static final String SUBJECT = "11111111-1111-4111-8111-111111111111";

	private final OAuth2TokenValidator<Jwt> validator = AccessTokenRules.validator("http://gateway.test",
			"resource-service", Duration.ofSeconds(30));

	@Test
	void aTokenShapedLikeTheGatewaysIsAccepted() {
		assertThat(valid(token((jwt) -> {
		}))).isTrue();
	}

	@Test
	void onlyTheAtJwtTypeIsAccepted() {
		assertThat(valid(token((jwt) -> jwt.header("typ", "JWT")))).isFalse();
		assertThat(valid(token((jwt) -> jwt.header("typ", "application/at+jwt")))).isFalse();
		assertThat(valid(token((jwt) -> jwt.headers((headers) -> headers.remove("typ"))))).isFalse();
	}

	@Test
	void anotherIssuerIsRefused() {
		assertThat(valid(token((jwt) -> jwt.issuer("http://evil.test")))).isFalse();
	}

	@Test
	void anotherAudienceIsRefused() {
		assertThat(valid(token((jwt) -> jwt.audience(List.of("another-service"))))).isFalse();
	}

	@Test
	void expiryIsCheckedWithThirtySecondsOfClockSkew() {
		Instant now = Instant.now();
		assertThat(valid(token((jwt) -> jwt.issuedAt(now.minusSeconds(400)).expiresAt(now.minusSeconds(20))))).isTrue();
		assertThat(valid(token((jwt) -> jwt.issuedAt(now.minusSeconds(400)).expiresAt(now.minusSeconds(40)))))
			.isFalse();
	}

	@Test
	void tokensIssuedInTheFutureAreRefused() {
		Instant now = Instant.now();
		assertThat(valid(token((jwt) -> jwt.issuedAt(now.plusSeconds(120)).expiresAt(now.plusSeconds(400))))).isFalse();
	}

	@Test
	void eachRequiredClaimMustBePresent() {
		for (String claim : List.of("exp", "iat", "sub", "jti", "client_id", "iss", "aud")) {
			assertThat(valid(token((jwt) -> jwt.claims((claims) -> claims.remove(claim))))).as(claim).isFalse();
		}
	}

	@Test
	void theSubjectMustBeAUserId() {
		assertThat(valid(token((jwt) -> jwt.subject("alice")))).isFalse();
	}

	private boolean valid(Jwt jwt) {
		return !this.validator.validate(jwt).hasErrors();
	}

	private static Jwt token(Consumer<Jwt.Builder> change) {
		Instant now = Instant.now();
		Jwt.Builder builder = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.header("typ", "at+jwt")
			.issuer("http://gateway.test")
			.subject(SUBJECT)
			.audience(List.of("resource-service"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300))
			.jti("id-1")
			.claim("client_id", "web")
			.claim("scope", "data:read data:write");
		change.accept(builder);
		return builder.build();
	}

}
