package dev.authgateway.gateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.authgateway.support.paging.Page;
import dev.authgateway.support.paging.PageRequest;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The audit log: admin actions and security events, each a row and a log line. An admin
 * action is written in the transaction of the change it describes (the caller's), so the
 * log never claims a change that did not happen and no change goes unrecorded.
 */
@Component
public class AuditLog {

	/** The log lines' own logger, so they can be routed apart from the rest. */
	private static final Logger events = LoggerFactory.getLogger("dev.authgateway.audit");

	private static final String COLUMNS = "at, actor_id, actor_username, client_address, action, target, detail";

	private final DatabaseClient database;

	private final Clock clock;

	AuditLog(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** Records what the actor did; fails when the record cannot be written. */
	public Mono<Void> record(Actor actor, String action, String target, String detail) {
		DatabaseClient.GenericExecuteSpec insert = this.database.sql("insert into audit_event (" + COLUMNS + """
				) values (:at, :actorId, :actorUsername, :clientAddress, :action, :target, :detail)""")
			.bind("at", this.clock.instant())
			.bind("clientAddress", actor.address())
			.bind("action", action)
			.bind("target", target);
		insert = (actor.id() != null) ? insert.bind("actorId", actor.id()) : insert.bindNull("actorId", UUID.class);
		insert = (actor.username() != null) ? insert.bind("actorUsername", actor.username())
				: insert.bindNull("actorUsername", String.class);
		insert = (detail != null) ? insert.bind("detail", detail) : insert.bindNull("detail", String.class);
		return insert.then()
			.doOnSuccess((done) -> events.info("audit action={} actor={} target={} address={} detail={}", action,
					(actor.id() != null) ? actor.id() : actor.username(), target, actor.address(), detail));
	}

	/**
	 * Records a security event as it happens, outside any change: a record that cannot be
	 * written is logged as lost, and the request it describes goes on.
	 */
	public Mono<Void> recordEvent(Actor actor, String action, String target) {
		return recordEvent(actor, action, target, null);
	}

	/** As {@link #recordEvent(Actor, String, String)}, with a detail. */
	public Mono<Void> recordEvent(Actor actor, String action, String target, String detail) {
		return Mono.defer(() -> record(actor, action, target, detail)).onErrorResume((ex) -> {
			events.warn("audit record lost: action={} target={}: {}", action, target, ex.toString());
			return Mono.empty();
		});
	}

	/** Records matching the filter, newest first. */
	public Mono<Page<AuditEvent>> page(AuditFilter filter, PageRequest request) {
		List<String> conditions = new ArrayList<>();
		if (filter.action() != null) {
			conditions.add("action = :action");
		}
		if (filter.actor() != null) {
			conditions.add("(actor_username = :actor or cast(actor_id as varchar) = :actor)");
		}
		if (filter.target() != null) {
			conditions.add("target = :target");
		}
		if (filter.from() != null) {
			conditions.add("at >= :from");
		}
		if (filter.to() != null) {
			conditions.add("at < :to");
		}
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		Mono<Long> total = bind(this.database.sql("select count(*) as total from audit_event" + where), filter)
			.map((row, metadata) -> row.get("total", Long.class))
			.one();
		return bind(this.database.sql("select id, " + COLUMNS + " from audit_event" + where
				+ " order by id desc limit :limit offset :offset"), filter)
			.bind("limit", request.size())
			.bind("offset", request.offset())
			.map((row, metadata) -> new AuditEvent(row.get("id", Long.class), row.get("at", Instant.class),
					row.get("actor_id", UUID.class), row.get("actor_username", String.class),
					row.get("client_address", String.class), row.get("action", String.class),
					row.get("target", String.class), row.get("detail", String.class)))
			.all()
			.collectList()
			.zipWith(total, (found, count) -> Page.of(found, request, count));
	}

	/** Deletes the records older than the cutoff; returns how many. */
	Mono<Long> deleteBefore(Instant cutoff) {
		return this.database.sql("delete from audit_event where at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, AuditFilter filter) {
		DatabaseClient.GenericExecuteSpec bound = spec;
		if (filter.action() != null) {
			bound = bound.bind("action", filter.action());
		}
		if (filter.actor() != null) {
			bound = bound.bind("actor", filter.actor());
		}
		if (filter.target() != null) {
			bound = bound.bind("target", filter.target());
		}
		if (filter.from() != null) {
			bound = bound.bind("from", filter.from());
		}
		if (filter.to() != null) {
			bound = bound.bind("to", filter.to());
		}
		return bound;
	}

}
