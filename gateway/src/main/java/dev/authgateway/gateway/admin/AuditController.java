package dev.authgateway.gateway.admin;

import reactor.core.publisher.Mono;

import dev.authgateway.support.paging.Page;

import dev.authgateway.support.paging.PageRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, newest first, for admins. */
@RestController
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping(path = "/auth/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Page<AuditEvent>> audit(@RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		return this.audit.page(PageRequest.parse(page, size));
	}

}
