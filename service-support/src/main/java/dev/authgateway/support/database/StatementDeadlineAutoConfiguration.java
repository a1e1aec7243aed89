package dev.authgateway.support.database;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.binding.BindMarkersFactoryResolver;

/**
 * The {@code DatabaseClient} that Spring Data R2DBC and the services' own SQL share, with
 * the {@link StatementDeadline} of the request a statement is made for.
 */
// before Spring Boot's R2DBC configuration, whose DatabaseClient steps back when there is
// one already
@AutoConfiguration(beforeName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConditionalOnClass({ DatabaseClient.class, ConnectionFactory.class })
public class StatementDeadlineAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
		return DatabaseClient.builder()
			.connectionFactory(connectionFactory)
			.bindMarkers(BindMarkersFactoryResolver.resolve(connectionFactory))
			.executeFunction(StatementDeadline::execute)
			.build();
	}

}
