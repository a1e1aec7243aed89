package dev.authgateway.gateway.admin;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.throttle.ThrottleBlocks;
import dev.authgateway.gateway.web.ClientAddresses;
import dev.authgateway.support.database.RunToCompletion;
import dev.authgateway.support.problem.InvalidRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The login throttle's active blocks, and lifting them for an account or an address; a
 * lift commits with its audit record.
 */
@RestController
@RequestMapping(path = "/auth/admin/throttles", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminThrottlesController {

	private final ThrottleBlocks blocks;

	private final AuditLog audit;

	private final TransactionalOperator transaction;

	private final ClientAddresses addresses;

	AdminThrottlesController(ThrottleBlocks blocks, AuditLog audit, TransactionalOperator transaction,
			ClientAddresses addresses) {
		this.blocks = blocks;
		this.audit = audit;
		this.transaction = transaction;
		this.addresses = addresses;
	}

	@GetMapping
	Mono<List<ThrottleBlocks.Block>> blocks(@RequestParam(required = false) String username,
			@RequestParam(required = false) String address) {
		return this.blocks.list(checked("username", username), checked("address", address));
	}

	@DeleteMapping
	Mono<ResponseEntity<Void>> clear(@RequestParam(required = false) String username,
			@RequestParam(required = false) String address, @AuthenticationPrincipal Jwt token,
			ServerHttpRequest request) {
		String account = checked("username", username);
		String from = checked("address", address);
		if (account == null && from == null) {
			throw InvalidRequest.of("username", "name the account (username) or the address (address) to clear");
		}
		Actor actor = Actor.of(token, this.addresses.of(request));
		String target = (account != null) ? "account " + account : "address " + from;
		Mono<Void> cleared = this.blocks.clear(account, from)
			.flatMap((rows) -> this.audit.record(actor, "throttle.cleared", target, rows + " count(s)"));
		return RunToCompletion.of(cleared.as(this.transaction::transactional))
			.thenReturn(ResponseEntity.noContent().build());
	}

	/** A filter value: null when absent or blank; a 400 when it cannot name a key. */
	private static String checked(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String pattern = field.equals("username") ? "[A-Za-z0-9._-]{1,64}" : "[0-9A-Fa-f:.]{1,45}";
		if (!value.strip().matches(pattern)) {
			throw InvalidRequest.of(field, field.equals("username")
					? "may contain only letters, digits, '.', '_' and '-'" : "must be an IPv4 or IPv6 address");
		}
		return value.strip();
	}

}
