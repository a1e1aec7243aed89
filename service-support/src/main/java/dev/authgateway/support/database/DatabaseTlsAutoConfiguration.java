package dev.authgateway.support.database;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The certificate authority that signed PostgreSQL's certificate
 * ({@code database.ssl-root-cert}, a PEM file), for the R2DBC connections that serve
 * requests; {@code verify-ca} and {@code verify-full} check the server against it. The
 * TLS mode ({@code database.ssl-mode}) and the JDBC connection that migrates the schema
 * are set in application.yml.
 * <p>
 * The customizer exists whether or not the setting is given: the images decide which
 * beans exist when they are built (Spring AOT), so a bean conditional on the setting
 * could never be switched on in them.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConditionalOnClass({ PostgresqlConnectionFactoryProvider.class, ConnectionFactoryOptionsBuilderCustomizer.class })
public class DatabaseTlsAutoConfiguration {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer databaseTlsRootCertificate(
			@Value("${database.ssl-root-cert:}") String rootCertificate) {
		return (options) -> {
			if (!rootCertificate.isBlank()) {
				options.option(PostgresqlConnectionFactoryProvider.SSL_ROOT_CERT, rootCertificate);
			}
		};
	}

}
