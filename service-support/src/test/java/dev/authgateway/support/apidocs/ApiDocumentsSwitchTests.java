package dev.authgateway.support.apidocs;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.authgateway.support.problem.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentsSwitchTests {

	private static final ProblemResponses PROBLEMS = new ProblemResponses(ServerCodecConfigurer.create());

	@Test
	void switchedOffEveryDocumentAndSwaggerUiPathIsNotFound() {
		ApiDocumentsSwitch off = new ApiDocumentsSwitch(false, PROBLEMS);

		for (String path : new String[] { "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/gateway",
				"/v3/api-docs/resource-service", "/swagger-ui.html", "/swagger-ui/index.html",
				"/webjars/swagger-ui/index.html" }) {
			assertThat(statusOf(off, path)).as(path).isEqualTo(HttpStatus.NOT_FOUND);
		}
	}

	@Test
	void switchedOffOtherPathsPass() {
		assertThat(statusOf(new ApiDocumentsSwitch(false, PROBLEMS), "/api/public-data")).isEqualTo(HttpStatus.OK);
		assertThat(statusOf(new ApiDocumentsSwitch(false, PROBLEMS), "/v3/api-docsx")).isEqualTo(HttpStatus.OK);
	}

	@Test
	void switchedOnTheDocumentsPass() {
		assertThat(statusOf(new ApiDocumentsSwitch(true, PROBLEMS), "/v3/api-docs/gateway")).isEqualTo(HttpStatus.OK);
	}

	private static HttpStatus statusOf(ApiDocumentsSwitch filter, String path) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
		filter.filter(exchange, (passed) -> {
			passed.getResponse().setStatusCode(HttpStatus.OK);
			return Mono.empty();
		}).block();
		return HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
	}

}
