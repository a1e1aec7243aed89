package dev.authgateway.gateway.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.support.paging.Page;

import dev.authgateway.support.paging.PageRequest;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The audit log of admin actions. Each record is written in the transaction of the change
 * it describes (the caller's), so the log never claims a change that did not happen and
 * no change goes unrecorded.
 */
@Component
class AuditLog {

	private final DatabaseClient database;

	private final Clock clock;

	AuditLog(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	Mono<Void> record(Actor actor, String action, String target, String detail) {
		DatabaseClient.GenericExecuteSpec insert = this.database.sql("""
				insert into audit_event (at, actor_id, actor_username, client_address, action, target, detail)
				values (:at, :actorId, :actorUsername, :clientAddress, :action, :target, :detail)""")
			.bind("at", this.clock.instant())
			.bind("actorId", actor.id())
			.bind("actorUsername", actor.username())
			.bind("clientAddress", actor.address())
			.bind("action", action)
			.bind("target", target);
		insert = (detail != null) ? insert.bind("detail", detail) : insert.bindNull("detail", String.class);
		return insert.then();
	}

	/** Newest first. */
	Mono<Page<AuditEvent>> page(PageRequest request) {
		Mono<Long> total = this.database.sql("select count(*) as total from audit_event")
			.map((row, metadata) -> row.get("total", Long.class))
			.one();
		return this.database.sql("select * from audit_event order by id desc limit :limit offset :offset")
			.bind("limit", request.size())
			.bind("offset", request.offset())
			.map((row, metadata) -> new AuditEvent(row.get("id", Long.class), row.get("at", Instant.class),
					row.get("actor_id", UUID.class), row.get("actor_username", String.class),
					row.get("client_address", String.class), row.get("action", String.class),
					row.get("target", String.class), row.get("detail", String.class)))
			.all()
			.collectList()
			.zipWith(total, (events, count) -> Page.of(events, request, count));
	}

}
