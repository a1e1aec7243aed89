package dev.authgateway.gateway.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.AuditEvent;
import dev.authgateway.gateway.audit.AuditFilter;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.support.paging.Page;
import dev.authgateway.support.paging.PageRequest;
import dev.authgateway.support.problem.InvalidRequest;
import dev.authgateway.support.text.PlainTextValidator;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log, newest first, for admins: admin actions and security events, filtered by
 * action, actor (name or id), target and time ({@code from} inclusive, {@code to}
 * exclusive, ISO-8601 instants).
 */
@RestController
class AuditController {

	private static final int MAX_TEXT = 64;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping(path = "/auth/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Page<AuditEvent>> audit(@RequestParam(required = false) String page,
			@RequestParam(required = false) String size, @RequestParam(required = false) String action,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String target,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		PageRequest request = PageRequest.parse(page, size);
		AuditFilter filter = new AuditFilter(text("action", action), text("actor", actor), text("target", target),
				instant("from", from), instant("to", to));
		return this.audit.page(filter, request);
	}

	private static String text(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > MAX_TEXT || !PlainTextValidator.isPlain(value, false)) {
			throw InvalidRequest.of(field, "must be at most " + MAX_TEXT + " characters, without control characters");
		}
		return value;
	}

	private static Instant instant(String field, String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw InvalidRequest.of(field, "must be an ISO-8601 instant, such as 2026-01-01T00:00:00Z");
		}
	}

}
