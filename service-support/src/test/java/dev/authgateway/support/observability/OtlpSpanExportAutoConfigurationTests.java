package dev.authgateway.support.observability;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which address spans go to, and that exactly one exporter sends them however the
 * endpoint was given.
 */
class OtlpSpanExportAutoConfigurationTests {

	// without the machine's own environment, which might name a collector
	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
		.withConfiguration(
				AutoConfigurations.of(OtlpTracingAutoConfiguration.class, OtlpSpanExportAutoConfiguration.class));

	@Test
	void bootsSettingComesFirstThenTheTracesVariableThenTheGeneralOne() {
		OtlpTracingProperties properties = new OtlpTracingProperties();
		MockEnvironment environment = new MockEnvironment();
		assertThat(OtlpSpanExportAutoConfiguration.tracesEndpoint(properties, environment)).isNull();

		environment.setProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/");
		assertThat(OtlpSpanExportAutoConfiguration.tracesEndpoint(properties, environment))
			.isEqualTo("http://collector:4318/v1/traces");
		environment.setProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
		assertThat(OtlpSpanExportAutoConfiguration.tracesEndpoint(properties, environment))
			.isEqualTo("http://collector:4318/v1/traces");

		environment.setProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/spans");
		assertThat(OtlpSpanExportAutoConfiguration.tracesEndpoint(properties, environment))
			.isEqualTo("http://traces:4318/spans");

		properties.setEndpoint("http://boot:4318/v1/traces");
		assertThat(OtlpSpanExportAutoConfiguration.tracesEndpoint(properties, environment))
			.isEqualTo("http://boot:4318/v1/traces");
	}

	@Test
	void withBootsSettingOnlyBootsExporterSends() {
		this.contexts
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://boot:4318/v1/traces")
			.run((context) -> assertThat(context.getBeansOfType(SpanExporter.class)).hasSize(1)
				.containsKey("otlpHttpSpanExporter"));
	}

	@Test
	void withTheStandardVariableThisExporterSends() {
		this.contexts.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318")
			.run((context) -> assertThat(context.getBean(SpanExporter.class)).isInstanceOf(OtlpHttpSpanExporter.class));
	}

	@Test
	void withoutAnEndpointNothingIsSent() {
		this.contexts.run((context) -> assertThat(context.getBean(SpanExporter.class))
			.isNotInstanceOf(OtlpHttpSpanExporter.class));
	}

	@Test
	void exportTurnedOffSendsNothingThoughAnEndpointIsSet() {
		this.contexts
			.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318",
					"management.tracing.export.enabled=false")
			.run((context) -> assertThat(context.getBean(SpanExporter.class))
				.isNotInstanceOf(OtlpHttpSpanExporter.class));
	}

	@Test
	void theStandardHeadersAreNameValuePairsWithEncodedValues() {
		assertThat(OtlpSpanExportAutoConfiguration.headers("x-api-key=a%2Cb%3D, X-Scope-OrgID = tenant-1"))
			.containsExactly(org.assertj.core.api.Assertions.entry("x-api-key", "a,b="),
					org.assertj.core.api.Assertions.entry("X-Scope-OrgID", "tenant-1"));
		assertThat(OtlpSpanExportAutoConfiguration.headers(null)).isEmpty();
	}

	@Test
	void aProtocolOtherThanProtobufOverHttpStopsTheStart() {
		this.contexts
			.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317", "OTEL_EXPORTER_OTLP_PROTOCOL=grpc")
			.run((context) -> assertThat(context).hasFailed());
	}

}
