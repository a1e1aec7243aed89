package dev.authgateway.conventions;

import dev.authgateway.conventions.problem.ProblemExceptionHandler;
import dev.authgateway.conventions.problem.ProblemResponses;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Problem+json for every error of a WebFlux application that has this module on its classpath. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ApiConventionsAutoConfiguration {

	@Bean
	ProblemResponses problemResponses(ServerCodecConfigurer codecs) {
		return new ProblemResponses(codecs);
	}

	@Bean
	ProblemExceptionHandler problemExceptionHandler(ProblemResponses problems) {
		return new ProblemExceptionHandler(problems);
	}

}
