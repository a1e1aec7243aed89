package dev.authgateway.support.problem;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.handler.ExceptionHandlingWebHandler;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionHandlerTests {

	private final ProblemExceptionHandler handler = new ProblemExceptionHandler(
			new ProblemResponses(ServerCodecConfigurer.create()));

	@Test
	void anUpstreamThatClosesTheConnectionBeforeAnsweringIsABadGatewayNotAServerError() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/protected-data"));

		this.handler.handle(exchange, new RuntimeException(PrematureCloseException.TEST_EXCEPTION)).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain("PrematureClose");
	}

	@Test
	void theFrameworksOwnClientErrorsKeepTheirStatus() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/public-data"));

		this.handler.handle(exchange, new ServerWebInputException("bad")).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void aCallersMistakeIsNotRecordedAsTheRequestsErrorWhileTheServicesOwnIs() {
		MockServerWebExchange mistake = MockServerWebExchange.from(MockServerHttpRequest.post("/auth/token"));
		ServerWebInputException input = new ServerWebInputException("rejected value [what the caller typed]");
		mistake.getAttributes().put(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION, input);
		this.handler.handle(mistake, input).block();
		assertThat(mistake.getAttributes()).doesNotContainKey(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION);

		MockServerWebExchange fault = MockServerWebExchange.from(MockServerHttpRequest.post("/auth/token"));
		IllegalStateException bug = new IllegalStateException("a bug");
		fault.getAttributes().put(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION, bug);
		this.handler.handle(fault, bug).block();
		assertThat(fault.getAttributes()).containsEntry(ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION, bug);
	}

}
