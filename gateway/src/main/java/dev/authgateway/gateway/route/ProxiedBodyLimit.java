package dev.authgateway.gateway.route;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.authgateway.support.problem.ProblemResponses;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Caps the bodies the gateway forwards, to /api and to the app
 * ({@code routes.max-body-size}), however the path is spelled (matched decoded, as the
 * routes match it): a declared length over the cap is refused with 413 before anything is
 * read or forwarded, and a body without one is cut off with 413 when it passes the cap.
 */
class ProxiedBodyLimit implements WebFilter, Ordered {

	/**
	 * Bodies the gateway reads itself, with a limit of their own (AuthRequestLimits); all
	 * others it forwards.
	 */
	private static final PathPattern TOKEN_SERVICE = PathPatternParser.defaultInstance.parse("/auth/**");

	private final long maxBytes;

	private final ProblemResponses problems;

	ProxiedBodyLimit(RouteProperties properties, ProblemResponses problems) {
		this.maxBytes = properties.maxBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (TOKEN_SERVICE.matches(request.getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		if (request.getHeaders().getContentLength() > this.maxBytes) {
			return this.problems.write(exchange, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than " + this.maxBytes + " bytes."));
		}
		return chain.filter(exchange.mutate().request(new Capped(request, this.maxBytes)).build());
	}

	@Override
	public int getOrder() {
		// after Spring Security's filters (-100): a write without a token learns that
		// first, and its body is never read
		return 0;
	}

	private static final class Capped extends ServerHttpRequestDecorator {

		private final long maxBytes;

		Capped(ServerHttpRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > this.maxBytes) {
					DataBufferUtils.release(buffer);
					sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
							"The request body is larger than " + this.maxBytes + " bytes."));
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}
