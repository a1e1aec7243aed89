package dev.authgateway.support.database;

import io.netty.channel.epoll.Epoll;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * PostgreSQL connections spread over {@link DatabaseEventLoops event loops of their own}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConditionalOnClass({ PostgresqlConnectionFactoryProvider.class, ConnectionFactoryOptionsBuilderCustomizer.class,
		Epoll.class })
public class DatabaseEventLoopsAutoConfiguration {

	@Bean
	DatabaseEventLoops databaseEventLoops() {
		// reactor.netty.ioWorkerCount when set (EventLoops.onePerCore), as for the HTTP
		// loops
		return new DatabaseEventLoops(LoopResources.DEFAULT_IO_WORKER_COUNT);
	}

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer databaseEventLoopsForConnections(DatabaseEventLoops loops) {
		return (options) -> options.option(PostgresqlConnectionFactoryProvider.LOOP_RESOURCES, loops);
	}

}
