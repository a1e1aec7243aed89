package dev.authgateway.support.dpop;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which token and proof a request carries, read beneath Spring Security's firewall only
 * when every character is one a token or proof may hold.
 */
class DPoPAuthenticationConverterTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

	private static final String PROOF = "eyJ0eXAiOiJkcG9wK2p3dCJ9.eyJqdGkiOiJ4In0.c2ln-_";

	/** Spring Security's firewall refuses control characters in any header. */
	static final List<String> CONTROL_CHARACTER_AUTHORIZATIONS = List.of("DPoP abc\u0007", "DPoP a\u0000b",
			"Bearer abc\u007f");

	private final DPoPAuthenticationConverter converter = new DPoPAuthenticationConverter(
			URI.create("https://gateway.example:8443/ignored"));

	@Test
	void aDPoPBoundTokenComesWithItsProofTheMethodAndThePublicUrl() {
		Authentication read = this.converter.convert(exchange(dpopRequest("DPoP " + TOKEN, PROOF))).block();

		assertThat(read).isInstanceOfSatisfying(DPoPAuthenticationToken.class, (dpop) -> {
			assertThat(dpop.accessToken()).isEqualTo(TOKEN);
			assertThat(dpop.proof()).isEqualTo(PROOF);
			assertThat(dpop.method()).isEqualTo("GET");
			assertThat(dpop.url()).hasToString("https://gateway.example:8443/api/protected-data");
		});
	}

	@Test
	void aBearerTokenIsReadAsABearerToken() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/api/protected-data")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.build();

		assertThat(this.converter.convert(exchange(request)).block()).isInstanceOfSatisfying(
				BearerTokenAuthenticationToken.class, (bearer) -> assertThat(bearer.getToken()).isEqualTo(TOKEN));
	}

	@Test
	void aDPoPBoundTokenWithTwoProofsIsRefused() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/api/protected-data")
			.header(HttpHeaders.AUTHORIZATION, "DPoP " + TOKEN)
			.header("DPoP", PROOF, PROOF)
			.build();

		assertThat(outcome(exchange(request))).startsWith("error invalid_dpop_proof");
	}

	/**
	 * The firewall checks every header value it hands out against Unicode properties: for
	 * a token and a proof of a kilobyte each, a share of every API call's time.
	 */
	@Test
	void wellFormedTokensAndProofsAreReadWithoutTheFirewallsCheck() {
		ServerWebExchange dpop = exchange(dpopRequest("DPoP " + TOKEN, PROOF));
		ServerWebExchange bearer = exchange(
				MockServerHttpRequest.get("/api/protected-data").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN));

		assertThat(this.converter.convert(unreadable(dpop)).block()).isInstanceOf(DPoPAuthenticationToken.class);
		assertThat(this.converter.convert(unreadable(bearer)).block())
			.isInstanceOf(BearerTokenAuthenticationToken.class);
	}

	@ParameterizedTest
	@FieldSource("CONTROL_CHARACTER_AUTHORIZATIONS")
	void anAuthorizationWithAControlCharacterIsStillRefusedByTheFirewall(String authorization) {
		ServerWebExchange firewalled = firewalled(dpopRequest(authorization, PROOF));

		assertThat(outcome(firewalled)).startsWith("rejected: ");
	}

	@Test
	void aProofWithAControlCharacterIsStillRefusedByTheFirewall() {
		ServerWebExchange firewalled = firewalled(dpopRequest("DPoP " + TOKEN, PROOF + "\u0007"));

		assertThat(outcome(firewalled)).startsWith("rejected: ");
	}

	@Test
	void behindTheFirewallAWellFormedRequestReadsAsWithoutIt() {
		MockServerHttpRequest request = dpopRequest("DPoP " + TOKEN, PROOF);

		assertThat(outcome(firewalled(request))).isEqualTo(outcome(exchange(request)))
			.isEqualTo("dpop " + TOKEN + " " + PROOF);
	}

	private static MockServerHttpRequest dpopRequest(String authorization, String proof) {
		return MockServerHttpRequest.get("/api/protected-data")
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.header("DPoP", proof)
			.build();
	}

	private static ServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return exchange(request.build());
	}

	private static ServerWebExchange exchange(MockServerHttpRequest request) {
		return MockServerWebExchange.from(request);
	}

	private static ServerWebExchange firewalled(MockServerHttpRequest request) {
		return new StrictServerWebExchangeFirewall().getFirewalledExchange(exchange(request)).block();
	}

	/** The exchange under a decorator whose headers cannot be read, as a firewall's. */
	private static ServerWebExchange unreadable(ServerWebExchange exchange) {
		ServerHttpRequest guarded = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public HttpHeaders getHeaders() {
				throw new AssertionError("read through the decorator");
			}
		};
		return exchange.mutate().request(guarded).build();
	}

	private String outcome(ServerWebExchange exchange) {
		try {
			Authentication read = this.converter.convert(exchange).block();
			if (read instanceof DPoPAuthenticationToken dpop) {
				return "dpop " + dpop.accessToken() + " " + dpop.proof();
			}
			return (read != null) ? "token " + read.getCredentials() : "no token";
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + ex.getError().getErrorCode() + ": " + ex.getError().getDescription();
		}
		catch (ServerExchangeRejectedException ex) {
			return "rejected: " + ex.getMessage();
		}
	}

}
