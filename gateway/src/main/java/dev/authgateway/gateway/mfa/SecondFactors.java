package dev.authgateway.gateway.mfa;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.gateway.key.SecretSealing;
import dev.authgateway.gateway.passkey.Passkeys;
import dev.authgateway.gateway.user.Role;
import dev.authgateway.gateway.user.UserRepository;
import dev.authgateway.support.database.RunToCompletion;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

/**
 * A user's second factors: a TOTP authenticator, enrolled and confirmed by a first code,
 * passkeys, and the recovery codes that come with the first factor and go with the last.
 * Every change commits with its audit record.
 */
@Service
public class SecondFactors {

	/** RFC 8176 methods of a login with a password and a TOTP code. */
	public static final List<String> PASSWORD_AND_TOTP = List.of("pwd", "otp", "mfa");

	/** RFC 8176 methods of a login with a password and a recovery code. */
	public static final List<String> PASSWORD_AND_RECOVERY_CODE = List.of("pwd", "mfa");

	private final DatabaseClient database;

	private final TotpCredentials totp;

	private final RecoveryCodes recoveryCodes;

	private final Passkeys passkeys;

	private final AuditLog audit;

	private final TransactionalOperator transaction;

	private final String issuer;

	private final MfaProperties properties;

	private final UserRepository users;

	SecondFactors(DatabaseClient database, SecretSealing sealing, Clock clock, Passkeys passkeys, AuditLog audit,
			TransactionalOperator transaction, @Value("${tokens.issuer}") URI publicUrl, MfaProperties properties,
			UserRepository users) {
		this.properties = properties;
		this.users = users;
		this.database = database;
		this.totp = new TotpCredentials(database, sealing, clock);
		this.recoveryCodes = new RecoveryCodes(database, clock);
		this.passkeys = passkeys;
		this.audit = audit;
		this.transaction = transaction;
		this.issuer = (publicUrl.getHost() != null) ? publicUrl.getHost() : "auth-gateway";
	}

	/** Whether the user must show a second factor after their password. */
	public Mono<Boolean> isOn(UUID userId) {
		return status(userId).map(Status::on);
	}

	/** Whether users of this role must have a second factor before they get tokens. */
	public boolean requiredFor(Role role) {
		return this.properties.requiredRoles().contains(role);
	}

	/**
	 * The user's factors, in one statement: a login asks this once for every right
	 * password. Passkeys are counted whether or not passkeys are switched on, since they
	 * stand as a second factor either way.
	 */
	public Mono<Status> status(UUID userId) {
		return this.database
			.sql("""
					select exists (select 1 from totp_credential where user_id = :user and confirmed_at is not null) as totp,
					       (select count(*) from passkey_credential where user_id = :user) as passkeys,
					       (select count(*) from recovery_code where user_id = :user and used_at is null) as codes""")
			.bind("user", userId)
			.map((row, metadata) -> new Status(Boolean.TRUE.equals(row.get("totp", Boolean.class)),
					row.get("passkeys", Long.class).intValue(), row.get("codes", Long.class).intValue()))
			.one();
	}

	/**
	 * A new TOTP secret, pending until {@link #confirmTotp} sees a first code from it; a
	 * 409 when TOTP is on already.
	 */
	public Mono<Enrolment> startTotp(UUID userId, String username) {
		return this.totp.startPending(userId)
			.map((secret) -> new Enrolment(Base32.encode(secret), otpauthUri(username, Base32.encode(secret))))
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.CONFLICT,
					"An authenticator is set up already: remove it first to set up another.")));
	}

	/**
	 * Turns TOTP on with the first code of the pending secret; the recovery codes, shown
	 * once. Empty for a wrong code.
	 */
	public Mono<List<String>> confirmTotp(UUID userId, String code, Actor actor) {
		return inTransaction(this.totp.accept(userId, code, true)
			.filter((accepted) -> accepted)
			.flatMap((accepted) -> this.recoveryCodes.replace(userId))
			.flatMap((codes) -> this.audit.record(actor, "totp.enabled", userId.toString(), null).thenReturn(codes)));
	}

	/**
	 * Turns the authenticator app off; false when there was none to turn off. The
	 * recovery codes go with the last factor.
	 */
	public Mono<Boolean> removeTotp(UUID userId, Actor actor) {
		return inTransaction(this.totp.delete(userId)
			.flatMap((wasOn) -> wasOn
					? this.audit.record(actor, "totp.disabled", userId.toString(), null).thenReturn(true)
					: Mono.just(false))
			.flatMap((wasOn) -> lastFactorRemoved(userId).thenReturn(wasOn)));
	}

	/**
	 * Removes one of the user's passkeys; false when they have no such one. The recovery
	 * codes go with the last factor.
	 */
	public Mono<Boolean> removePasskey(UUID userId, UUID passkeyId, Actor actor) {
		return inTransaction(this.passkeys.remove(userId, passkeyId, actor)
			.flatMap((removed) -> lastFactorRemoved(userId).thenReturn(removed)));
	}

	/**
	 * Removes every second factor of the user, as an admin does for a locked-out user.
	 */
	public Mono<Void> removeAll(UUID userId, Actor actor) {
		return inTransaction(this.totp.delete(userId)
			.flatMap((wasOn) -> wasOn ? this.audit.record(actor, "totp.disabled", userId.toString(), null)
					: Mono.<Void>empty())
			.then(this.passkeys.removeAll(userId, actor))
			.then(this.recoveryCodes.deleteAll(userId))
			.then(Mono.just(true))).then();
	}

	/**
	 * After a user removed a factor: when none is left, the recovery codes go, and a user
	 * whose role requires a factor gets a 409, undoing the removal.
	 */
	private Mono<Void> lastFactorRemoved(UUID userId) {
		return isOn(userId).flatMap((on) -> on ? Mono.empty()
				: this.users.findById(userId)
					.filter((user) -> requiredFor(user.role()))
					.flatMap((user) -> Mono.<Void>error(new ResponseStatusException(HttpStatus.CONFLICT,
							"Your role requires a second factor: set up another before you remove the last one.")))
					.then(this.recoveryCodes.deleteAll(userId)));
	}

	/** New recovery codes, earlier ones void; a 409 without a second factor. */
	public Mono<List<String>> replaceRecoveryCodes(UUID userId, Actor actor) {
		return inTransaction(isOn(userId)
			.flatMap((on) -> on ? this.recoveryCodes.replace(userId)
					: Mono.error(() -> new ResponseStatusException(HttpStatus.CONFLICT,
							"Set up an authenticator or a passkey first.")))
			.flatMap((codes) -> this.audit.record(actor, "recovery_codes.replaced", userId.toString(), null)
				.thenReturn(codes)));
	}

	/**
	 * Checks the second step of a login, a TOTP code or a recovery code; the methods it
	 * proves, or empty when it is wrong or used.
	 */
	public Mono<Optional<List<String>>> verify(UUID userId, String totpCode, String recoveryCode) {
		if (totpCode != null) {
			return this.totp.accept(userId, totpCode, false)
				.map((ok) -> ok ? Optional.of(PASSWORD_AND_TOTP) : Optional.empty());
		}
		return this.recoveryCodes.spend(userId, recoveryCode)
			.map((ok) -> ok ? Optional.of(PASSWORD_AND_RECOVERY_CODE) : Optional.empty());
	}

	private String otpauthUri(String username, String secret) {
		String label = encode(this.issuer) + ":" + encode(username);
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(this.issuer)
				+ "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private <T> Mono<T> inTransaction(Mono<T> work) {
		return RunToCompletion.of(work.as(this.transaction::transactional));
	}

	/** A secret to enter into an authenticator app, as text and as the QR code's URI. */
	public record Enrolment(String secret, String otpauthUri) {

		@Override
		public String toString() {
			// never the secret, in a log line
			return "Enrolment[]";
		}

	}

	/** What the account page shows. */
	public record Status(boolean totp, int passkeys, int recoveryCodesLeft) {

		/** Whether a password alone is not enough. */
		public boolean on() {
			return this.totp || this.passkeys > 0;
		}

		/**
		 * The methods for the second step of a login, in the order the app offers them.
		 */
		public List<String> methods() {
			List<String> methods = new java.util.ArrayList<>();
			if (this.passkeys > 0) {
				methods.add("passkey");
			}
			if (this.totp) {
				methods.add("totp");
			}
			if (this.recoveryCodesLeft > 0) {
				methods.add("recovery_code");
			}
			return List.copyOf(methods);
		}

	}

}
