package dev.authgateway.support.observability;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Exports spans over OTLP (HTTP, protobuf) when an endpoint is set at start:
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}, or the standard
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_ENDPOINT}, with
 * the standard {@code _HEADERS} variables and Boot's headers setting.
 * <p>
 * Spring Boot makes its exporter only when the endpoint is set while the application's
 * beans are decided. The images decide them when they are built (Spring AOT), with no
 * endpoint, so Boot's exporter could never be switched on there. This exporter always
 * exists and reads the endpoint when it starts; where Boot made its own (a run without
 * AOT that sets Boot's setting), this one stands back.
 */
@AutoConfiguration(after = OtlpTracingAutoConfiguration.class)
@ConditionalOnClass({ OtlpHttpSpanExporter.class, OtlpTracingProperties.class })
@EnableConfigurationProperties(OtlpTracingProperties.class)
public class OtlpSpanExportAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(OtlpSpanExportAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean({ OtlpHttpSpanExporter.class, OtlpGrpcSpanExporter.class })
	SpanExporter otlpSpanExportWhenConfigured(OtlpTracingProperties properties, Environment environment,
			ObjectProvider<MeterProvider> meterProvider) {
		String endpoint = tracesEndpoint(properties, environment);
		if (endpoint == null || !exportEnabled(environment)) {
			return SpanExporter.composite();
		}
		String protocol = standard(environment, "PROTOCOL");
		if (properties.getTransport() != Transport.HTTP || (protocol != null && !protocol.equals("http/protobuf"))) {
			throw new IllegalStateException("Spans are exported over OTLP/HTTP with protobuf only: set"
					+ " management.opentelemetry.tracing.export.otlp.transport to http and OTEL_EXPORTER_OTLP_PROTOCOL"
					+ " to http/protobuf, or leave them unset");
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(endpoint)
			.setTimeout(properties.getTimeout())
			.setConnectTimeout(properties.getConnectTimeout())
			.setCompression(properties.getCompression().name().toLowerCase(Locale.ROOT));
		headers(environment.getProperty("OTEL_EXPORTER_OTLP_HEADERS")).forEach(builder::addHeader);
		headers(environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_HEADERS")).forEach(builder::addHeader);
		properties.getHeaders().forEach(builder::addHeader);
		meterProvider.ifAvailable(builder::setMeterProvider);
		URI address = URI.create(endpoint);
		// never the user information or the query, which may hold a credential
		log.info("Exporting sampled spans over OTLP to {}://{}{}", address.getScheme(),
				address.getAuthority().substring(address.getAuthority().indexOf('@') + 1), address.getPath());
		return builder.build();
	}

	/**
	 * Boot's setting first, then the standard variables: the one for traces is the whole
	 * address, the general one is a base to which the traces path is added.
	 */
	static String tracesEndpoint(OtlpTracingProperties properties, Environment environment) {
		if (hasText(properties.getEndpoint())) {
			return properties.getEndpoint();
		}
		String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
		if (hasText(traces)) {
			return traces;
		}
		String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
		if (hasText(base)) {
			return base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces";
		}
		return null;
	}

	/**
	 * The standard variable for traces, else the general one: {@code _TRACES_} names win
	 * over the others.
	 */
	private static String standard(Environment environment, String name) {
		String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_" + name);
		return hasText(traces) ? traces.trim() : trimmed(environment.getProperty("OTEL_EXPORTER_OTLP_" + name));
	}

	/**
	 * Headers as the standard variables give them: {@code name=value} pairs separated by
	 * commas, each value URL-encoded.
	 */
	static Map<String, String> headers(String list) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (!hasText(list)) {
			return headers;
		}
		for (String pair : list.split(",")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				headers.put(pair.substring(0, equals).trim(),
						URLDecoder.decode(pair.substring(equals + 1).trim(), StandardCharsets.UTF_8));
			}
		}
		return headers;
	}

	private static String trimmed(String value) {
		return hasText(value) ? value.trim() : null;
	}

	private static boolean exportEnabled(Environment environment) {
		boolean all = environment.getProperty("management.tracing.export.enabled", Boolean.class, true);
		return environment.getProperty("management.tracing.export.otlp.enabled", Boolean.class, all);
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
