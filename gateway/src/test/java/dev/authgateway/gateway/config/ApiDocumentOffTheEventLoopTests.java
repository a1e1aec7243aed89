package dev.authgateway.gateway.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentOffTheEventLoopTests {

	private final ApiDocumentOffTheEventLoop filter = new ApiDocumentOffTheEventLoop("/v3/api-docs/gateway");

	@Test
	void theDocumentIsBuiltOnTheBoundedElasticScheduler() {
		assertThat(threadThatHandles("/v3/api-docs/gateway")).startsWith("boundedElastic-");
		assertThat(threadThatHandles("/v3/api-docs/gateway.yaml")).startsWith("boundedElastic-");
	}

	@Test
	void everyOtherRequestStaysOnItsThread() {
		assertThat(threadThatHandles("/auth/token")).isEqualTo(Thread.currentThread().getName());
		assertThat(threadThatHandles("/v3/api-docs/resource-service")).isEqualTo(Thread.currentThread().getName());
	}

	private String threadThatHandles(String path) {
		AtomicReference<String> handler = new AtomicReference<>();
		WebFilterChain chain = (exchange) -> Mono.fromRunnable(() -> handler.set(Thread.currentThread().getName()));
		this.filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get(path)), chain)
			.block(Duration.ofSeconds(5));
		return handler.get();
	}

}
