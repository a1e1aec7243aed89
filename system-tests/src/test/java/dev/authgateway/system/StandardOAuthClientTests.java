package dev.authgateway.system;

import java.net.URI;
import java.time.Duration;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import dev.authgateway.testsupport.TestDatabases;
import dev.authgateway.testsupport.TestServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clients nobody here wrote: Nimbus's OAuth SDK finds the token endpoint in the metadata
 * and uses the password and refresh token grants, and a Spring resource server that knows
 * nothing but the issuer (what {@code issuer-uri} configures) accepts the tokens.
 */
@Testcontainers
class StandardOAuthClientTests {

	private static final int GATEWAY_PORT = TestServers.freePort();

	private static final String ISSUER = "http://localhost:" + GATEWAY_PORT;

	@Container
	static final PostgreSQLContainer postgres = TestDatabases.postgres();

	private static ConfigurableApplicationContext gateway;

	private static ConfigurableApplicationContext resourceService;

	@BeforeAll
	static void startTheServices() {
		TestDatabases.create(postgres, "gateway");
		TestDatabases.create(postgres, "resource");
		resourceService = SystemServices.resourceService(postgres, ISSUER, ISSUER + "/.well-known/jwks.json");
		gateway = SystemServices.gateway(postgres, "--server.port=" + GATEWAY_PORT,
				"--routes.resource-service-uri=http://127.0.0.1:" + TestServers.port(resourceService),
				"--management.server.port=0", "--tokens.issuer=" + ISSUER, "--demo.enabled=true",
				"--keys.encryption-key=" + TestServers.randomEncryptionKey());
	}

	@AfterAll
	static void stopTheServices() {
		if (gateway != null) {
			gateway.close();
		}
		if (resourceService != null) {
			resourceService.close();
		}
	}

	/**
	 * RFC 9449 end to end through the gateway: the client binds its tokens to its key,
	 * the API wants a proof by that key with every request, at the public URL the client
	 * called, and takes the bound token as nothing else.
	 */
	@Test
	void aDPoPClientBindsItsTokensAndUsesThemThroughTheGateway() throws Exception {
		DefaultDPoPProofFactory dpop = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(),
				JWSAlgorithm.ES256);
		URI tokenEndpoint = URI.create(ISSUER + "/auth/token");
		HTTPRequest login = new TokenRequest(tokenEndpoint, new ClientID("web"),
				new ResourceOwnerPasswordCredentialsGrant("alice", new Secret("alice-password-1")))
			.toHTTPRequest();
		login.setDPoP(dpop.createDPoPJWT("POST", tokenEndpoint));
		Tokens tokens = TokenResponse.parse(login.send()).toSuccessResponse().getTokens();
		assertThat(tokens.getAccessToken()).isInstanceOf(DPoPAccessToken.class);

		URI data = URI.create(ISSUER + "/api/protected-data");
		HTTPRequest read = new HTTPRequest(HTTPRequest.Method.GET, data);
		read.setAuthorization(tokens.getAccessToken().toAuthorizationHeader());
		read.setDPoP(dpop.createDPoPJWT("GET", data, tokens.getAccessToken()));
		assertThat(read.send().getStatusCode()).isEqualTo(200);

		HTTPRequest asBearer = new HTTPRequest(HTTPRequest.Method.GET, data);
		asBearer.setAuthorization("Bearer " + tokens.getAccessToken().getValue());
		assertThat(asBearer.send().getStatusCode()).isEqualTo(401);

		HTTPRequest refresh = new TokenRequest(tokenEndpoint, new ClientID("web"),
				new RefreshTokenGrant(tokens.getRefreshToken()))
			.toHTTPRequest();
		refresh.setDPoP(dpop.createDPoPJWT("POST", tokenEndpoint));
		assertThat(TokenResponse.parse(refresh.send()).toSuccessResponse().getTokens().getAccessToken())
			.isInstanceOf(DPoPAccessToken.class);
	}

	@Test
	void theMetadataLeadsAClientToATokenEndpointThatGrantsWhatItSays() throws Exception {
		AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(ISSUER));

		assertThat(metadata.getGrantTypes()).contains(GrantType.PASSWORD, GrantType.REFRESH_TOKEN);
		Tokens tokens = success(metadata.getTokenEndpointURI(),
				new ResourceOwnerPasswordCredentialsGrant("alice", new Secret("alice-password-1")));
		assertThat(tokens.getRefreshToken()).isNotNull();

		Tokens refreshed = success(metadata.getTokenEndpointURI(), new RefreshTokenGrant(tokens.getRefreshToken()));
		assertThat(refreshed.getAccessToken().getValue()).isNotEqualTo(tokens.getAccessToken().getValue());
	}

	@Test
	void aWrongPasswordIsAnInvalidGrantTheClientUnderstands() throws Exception {
		TokenResponse response = TokenResponse
			.parse(new TokenRequest(URI.create(ISSUER + "/auth/token"), new ClientID("web"),
					new ResourceOwnerPasswordCredentialsGrant("alice", new Secret("not-hers-1")))
				.toHTTPRequest()
				.send());

		assertThat(response.indicatesSuccess()).isFalse();
		TokenErrorResponse error = response.toErrorResponse();
		assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_grant");
		assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(400);
	}

	/**
	 * Spring Security 7 checks by default that {@code typ} is {@code JWT}, so a decoder
	 * made from the issuer alone refuses RFC 9068's {@code at+jwt}; with that one check
	 * replaced, the issuer's metadata and keys are all it needs.
	 */
	@Test
	void aResourceServerThatKnowsTheIssuerAndRfc9068sTypeAcceptsTheAccessToken() throws Exception {
		String token = success(URI.create(ISSUER + "/auth/token"),
				new ResourceOwnerPasswordCredentialsGrant("bob", new Secret("bob-password-1")))
			.getAccessToken()
			.getValue();
		assertThatThrownBy(() -> ReactiveJwtDecoders.fromIssuerLocation(ISSUER).decode(token).block())
			.hasMessageContaining("typ");

		NimbusReactiveJwtDecoder rfc9068 = (NimbusReactiveJwtDecoder) ReactiveJwtDecoders.fromIssuerLocation(ISSUER);
		rfc9068.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtIssuerValidator(ISSUER), new JwtTypeValidator("at+jwt")));
		Jwt jwt = rfc9068.decode(token).block(Duration.ofSeconds(30));

		assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("bob");
		assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
	}

	private static Tokens success(URI tokenEndpoint, AuthorizationGrant grant) throws Exception {
		TokenResponse response = TokenResponse
			.parse(new TokenRequest(tokenEndpoint, new ClientID("web"), grant).toHTTPRequest().send());
		assertThat(response.indicatesSuccess()).as(() -> String.valueOf(response.toErrorResponse().toJSONObject()))
			.isTrue();
		return response.toSuccessResponse().getTokens();
	}

}
