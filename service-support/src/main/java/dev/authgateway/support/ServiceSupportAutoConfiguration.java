package dev.authgateway.support;

import dev.authgateway.support.apidocs.ApiDocumentsSwitch;
import dev.authgateway.support.netty.ServerTimeouts;
import dev.authgateway.support.observability.RequestLog;
import dev.authgateway.support.problem.ProblemExceptionHandler;
import dev.authgateway.support.problem.ProblemResponses;
import dev.authgateway.support.problem.RequestDeadline;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Problem+json for every error of a WebFlux application that has this module on its
 * classpath, and a deadline for the paths listed in {@code requests.deadline-paths}, with
 * a shorter one for each database statement made for them, and a request log that carries
 * each request's trace id.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ServiceSupportAutoConfiguration {

	@Bean
	ProblemResponses problemResponses(ServerCodecConfigurer codecs) {
		return new ProblemResponses(codecs);
	}

	@Bean
	ManagementPort managementPort() {
		return new ManagementPort();
	}

	@Bean
	ProblemExceptionHandler problemExceptionHandler(ProblemResponses problems) {
		return new ProblemExceptionHandler(problems);
	}

	/**
	 * Spring Security would observe each filter of its chains, the authentication and the
	 * authorization: with tracing on, spans for every step of every request, which cost
	 * the protected endpoints about a tenth of their throughput (docs/design.md, "No
	 * security observations"). The request's own server span carries the trace.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Off unless asked for; the demo switch asks for it, so that the demo shows its API.
	 */
	@Bean
	ApiDocumentsSwitch apiDocumentsSwitch(@Value("${api-docs.enabled:${demo.enabled:false}}") boolean enabled,
			ProblemResponses problems) {
		return new ApiDocumentsSwitch(enabled, problems);
	}

	/**
	 * Both services close connections whose clients went quiet (ServerTimeouts says how
	 * long each wait is).
	 */
	@Bean
	NettyServerCustomizer serverTimeouts(@Value("${server.netty.idle-timeout:65s}") Duration idle,
			@Value("${requests.read-timeout:10s}") Duration read,
			@Value("${requests.body-timeout:30s}") Duration body) {
		return new ServerTimeouts(idle, read, body).customizer();
	}

	@Bean
	RequestLog requestLog() {
		return new RequestLog();
	}

	/**
	 * Always a bean, covering no path when none is set: Spring AOT fixes at build which
	 * beans exist, so the paths must be read when the service starts.
	 */
	@Bean
	RequestDeadline requestDeadline(@Value("${requests.deadline:3s}") Duration deadline,
			@Value("${requests.statement-deadline:1s}") Duration statementDeadline,
			@Value("${requests.deadline-paths:}") List<String> paths) {
		return new RequestDeadline(deadline, statementDeadline, paths);
	}

}
