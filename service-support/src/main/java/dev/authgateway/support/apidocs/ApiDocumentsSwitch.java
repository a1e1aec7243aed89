package dev.authgateway.support.apidocs;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.authgateway.support.problem.ProblemResponses;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI documents and Swagger UI, on or off ({@code api-docs.enabled}). Off, their
 * paths answer 404 as if they did not exist. The switch is read when the application
 * starts, not when it is built, so it works the same in an image made with Spring AOT,
 * where springdoc's own switches were fixed at build time.
 */
public class ApiDocumentsSwitch implements WebFilter, Ordered {

	private static final List<PathPattern> PATHS = List
		.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
				"/webjars/swagger-ui/**")
		.stream()
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	private final boolean enabled;

	private final ProblemResponses problems;

	public ApiDocumentsSwitch(boolean enabled, ProblemResponses problems) {
		this.enabled = enabled;
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.enabled || !isApiDocument(exchange.getRequest().getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		return this.problems.write(exchange,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No resource is at this path."));
	}

	private static boolean isApiDocument(PathContainer path) {
		return PATHS.stream().anyMatch((pattern) -> pattern.matches(path));
	}

	@Override
	public int getOrder() {
		// before Spring Security's filters, which would otherwise answer first for paths
		// they guard
		return -300;
	}

}
