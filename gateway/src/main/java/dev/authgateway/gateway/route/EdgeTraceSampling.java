package dev.authgateway.gateway.route;

import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway is where requests from the internet come in, so it decides which traces are
 * recorded: a caller's {@code traceparent} keeps its trace id, but its "sampled" flag is
 * not obeyed (W3C Trace Context, section 3.2.2.5), or any caller could have every one of
 * its requests recorded and exported. The resource service follows the gateway's
 * decision.
 */
@Configuration(proxyBeanMethods = false)
class EdgeTraceSampling {

	@Bean
	Sampler edgeSampler(@Value("${management.tracing.sampling.probability:0.1}") double probability) {
		return sampler(probability);
	}

	/**
	 * The trace goes on to the resource service with the request (in an application
	 * without a propagator, one without tracing at all, the caller's headers pass as they
	 * came).
	 */
	@Bean
	TraceContextHeadersFilter traceContextHeadersFilter(ObjectProvider<Propagator> propagator) {
		return new TraceContextHeadersFilter(propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	static Sampler sampler(double probability) {
		Sampler share = Sampler.traceIdRatioBased(probability);
		return Sampler.parentBasedBuilder(share).setRemoteParentSampled(share).setRemoteParentNotSampled(share).build();
	}

}
