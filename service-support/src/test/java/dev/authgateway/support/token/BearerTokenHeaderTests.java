package dev.authgateway.support.token;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header is read exactly as Spring Security's own converter reads it, whatever the
 * header holds.
 */
class BearerTokenHeaderTests {

	static final List<String> HEADERS = List.of("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "bearer abc",
			"BEARER abc", "Bearer a-b.c_d~e+f/g", "Bearer abc==", "Bearer abc=", "Bearer =", "Bearer ==abc",
			"Bearer abc=d", "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ", "Bearer a b", "Bearer a%b", "Bearer a,b",
			"Bearer \u00e9", "Bearerabc", "Basic YWxpY2U6c2VjcmV0", "", "Token abc", "bearer\tabc");

	/** Spring Security's firewall refuses control characters in any header. */
	static final List<String> CONTROL_CHARACTER_HEADERS = List.of("Bearer abc\u0007", "Bearer abc\u0000def",
			"Bearer abc\u007f");

	static final List<String> FIREWALLED_HEADERS = Stream.concat(HEADERS.stream(), CONTROL_CHARACTER_HEADERS.stream())
		.toList();

	private final ServerAuthenticationConverter ours = new BearerTokenHeader();

	private final ServerAuthenticationConverter springs = new ServerBearerTokenAuthenticationConverter();

	@ParameterizedTest
	@FieldSource("HEADERS")
	void anAuthorizationHeaderGivesWhatSpringSecurityGives(String header) {
		assertSameOutcome("/api/protected-data", header);
	}

	@Test
	void noAuthorizationHeaderGivesNoToken() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/api/public-data").build();

		assertThat(outcome(this.ours, MockServerWebExchange.from(request))).isEqualTo("no token")
			.isEqualTo(outcome(this.springs, MockServerWebExchange.from(request)));
	}

	@ParameterizedTest
	@FieldSource("HEADERS")
	void aTokenInTheQueryIsIgnoredAsSpringSecurityIgnoresIt(String header) {
		assertSameOutcome("/api/protected-data?access_token=abc", header);
	}

	/**
	 * The header is read under the firewall only when it is well formed; any other still
	 * meets the firewall.
	 */
	@ParameterizedTest
	@FieldSource("FIREWALLED_HEADERS")
	void behindSpringSecuritysFirewallTheAnswerIsTheSame(String header) {
		MockServerHttpRequest request = withAuthorization("/api/protected-data", header);

		assertThat(outcome(this.ours, firewalled(request))).isEqualTo(outcome(this.springs, firewalled(request)));
	}

	@ParameterizedTest
	@FieldSource("CONTROL_CHARACTER_HEADERS")
	void aHeaderWithAControlCharacterIsStillRefusedByTheFirewall(String header) {
		MockServerHttpRequest request = withAuthorization("/api/protected-data", header);

		assertThat(outcome(this.ours, firewalled(request))).startsWith("rejected: ");
	}

	private void assertSameOutcome(String uri, String authorization) {
		MockServerHttpRequest request = withAuthorization(uri, authorization);

		assertThat(outcome(this.ours, MockServerWebExchange.from(request)))
			.isEqualTo(outcome(this.springs, MockServerWebExchange.from(request)));
	}

	private static MockServerHttpRequest withAuthorization(String uri, String authorization) {
		return MockServerHttpRequest.get(uri).header(HttpHeaders.AUTHORIZATION, authorization).build();
	}

	private static ServerWebExchange firewalled(MockServerHttpRequest request) {
		return new StrictServerWebExchangeFirewall().getFirewalledExchange(MockServerWebExchange.from(request)).block();
	}

	/**
	 * The token, "no token", the OAuth 2.0 error with its description, or the firewall's
	 * refusal.
	 */
	private static String outcome(ServerAuthenticationConverter converter, ServerWebExchange exchange) {
		try {
			Authentication authentication = converter.convert(exchange).block();
			return (authentication != null) ? "token " + authentication.getCredentials() : "no token";
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + ex.getError().getErrorCode() + ": " + ex.getError().getDescription();
		}
		catch (ServerExchangeRejectedException ex) {
			return "rejected: " + ex.getMessage();
		}
	}

}
