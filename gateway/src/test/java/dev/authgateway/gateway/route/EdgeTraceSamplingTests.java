package dev.authgateway.gateway.route;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeTraceSamplingTests {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void aCallerThatMarksItsTraceSampledDoesNotGetItRecorded() {
		assertThat(decision(0.0, TraceFlags.getSampled())).isEqualTo(SamplingDecision.DROP);
	}

	@Test
	void theGatewaysShareDecidesForCallersTracesEitherWay() {
		assertThat(decision(1.0, TraceFlags.getDefault())).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decision(1.0, TraceFlags.getSampled())).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	private static SamplingDecision decision(double probability, TraceFlags callersFlags) {
		Context parent = Context.root()
			.with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7", callersFlags,
					TraceState.getDefault())));
		return EdgeTraceSampling.sampler(probability)
			.shouldSample(parent, TRACE, "http get", SpanKind.SERVER, Attributes.empty(), List.of())
			.getDecision();
	}

}
