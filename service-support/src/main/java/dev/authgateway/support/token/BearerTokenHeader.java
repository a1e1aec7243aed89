package dev.authgateway.support.token;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Takes the bearer token from the Authorization header (RFC 6750, the header only, as
 * Spring Security does by default). A well-formed {@code Bearer <token68>} header is read
 * with a loop over its characters; anything else (no such header, another scheme, a
 * malformed token) goes to Spring Security's converter, so every answer is the one it
 * gives. Its regular expression and merged reactive sources cost a few percent of the CPU
 * of every API request; the loop costs next to nothing.
 */
public final class BearerTokenHeader implements ServerAuthenticationConverter {

	private static final String SCHEME = "Bearer ";

	private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String authorization = rawAuthorization(exchange.getRequest());
		if (authorization != null && isWellFormed(authorization)) {
			return Mono.just(new BearerTokenAuthenticationToken(authorization.substring(SCHEME.length())));
		}
		return this.spring.convert(exchange);
	}

	/**
	 * The request as received, beneath its decorators, Spring Security's firewall among
	 * them: through the firewall every header read checks the value's characters against
	 * Unicode properties and a regular expression, which for an 800-character token was
	 * 2.4% of the resource service's CPU. A caller uses a value read here only when it
	 * passes {@link #isToken68}, which allows far fewer characters than the firewall
	 * does, and reads any other value through the firewall.
	 */
	public static ServerHttpRequest received(ServerHttpRequest request) {
		ServerHttpRequest received = request;
		while (received instanceof ServerHttpRequestDecorator decorator) {
			received = decorator.getDelegate();
		}
		return received;
	}

	private static String rawAuthorization(ServerHttpRequest request) {
		return received(request).getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
	}

	/**
	 * {@code Bearer} (any case), one space, then a token.
	 */
	private static boolean isWellFormed(String authorization) {
		return authorization.length() > SCHEME.length()
				&& authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				&& isToken68(authorization, SCHEME.length());
	}

	/**
	 * Whether {@code value} from {@code start} on is one token as RFC 6750 writes it
	 * (b64token, RFC 7235's token68): 1*( ALPHA / DIGIT / "-._~+/" ) *"=". A JWS in its
	 * compact form is one.
	 */
	public static boolean isToken68(String value, int start) {
		int length = value.length();
		int i = start;
		while (i < length && isTokenCharacter(value.charAt(i))) {
			i++;
		}
		if (i == start) {
			return false;
		}
		while (i < length && value.charAt(i) == '=') {
			i++;
		}
		return i == length;
	}

	private static boolean isTokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
