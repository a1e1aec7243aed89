package dev.authgateway.gateway.passkey;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionsAuthenticatorOutputs;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.authgateway.gateway.audit.Actor;
import dev.authgateway.gateway.audit.AuditLog;
import dev.authgateway.support.database.RunToCompletion;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

/**
 * Users' passkeys: registered from the account page, used to log in without a password or
 * as the second factor after one. The user handle is the user's id.
 */
@Service
public class Passkeys {

	/** RFC 8176 methods of a login with a passkey alone, its user verified. */
	public static final List<String> PASSKEY = List.of("pop", "mfa");

	/** RFC 8176 methods of a login with a password and a passkey. */
	public static final List<String> PASSWORD_AND_PASSKEY = List.of("pwd", "pop", "mfa");

	private final WebAuthnRelyingParty relyingParty;

	private final WebAuthnCeremonies ceremonies;

	private final PasskeyCredentials credentials;

	private final AuditLog audit;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final boolean enabled;

	Passkeys(WebAuthnRelyingParty relyingParty, WebAuthnCeremonies ceremonies, PasskeyCredentials credentials,
			AuditLog audit, TransactionalOperator transaction, Clock clock, PasskeyProperties properties) {
		this.relyingParty = relyingParty;
		this.ceremonies = ceremonies;
		this.credentials = credentials;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
		this.enabled = properties.enabled();
	}

	public boolean enabled() {
		return this.enabled;
	}

	/**
	 * Whether the user has a passkey, with passkeys switched off too: they still stand as
	 * the account's second factor then.
	 */
	public Mono<Boolean> exists(UUID userId) {
		return this.credentials.exists(userId);
	}

	public Flux<Passkey> list(UUID userId) {
		return this.credentials.ofUser(userId).map(StoredPasskey::view);
	}

	/** Options for registering a new passkey of the signed-in user. */
	public Mono<Map<String, Object>> registrationOptions(UUID userId, String username) {
		return requireEnabled()
			.then(Mono.zip(this.credentials.ofUser(userId).collectList(), this.ceremonies.startRegistration(userId)))
			.map((started) -> this.relyingParty.creationOptions(started.getT2(), userHandle(userId), username,
					started.getT1()));
	}

	/**
	 * Checks the authenticator's answer to the user's pending registration and stores the
	 * passkey, audited; a 400 when it proves nothing, a 409 when it is registered
	 * already.
	 */
	public Mono<Passkey> register(UUID userId, String name, String responseJson, Actor actor) {
		return requireEnabled().then(this.ceremonies.takeRegistration(userId))
			.switchIfEmpty(Mono.error(() -> PasskeyRejectedException
				.registration("No registration is pending, or it expired: ask for new options.")))
			.publishOn(Schedulers.parallel())
			.map((challenge) -> stored(userId, name, this.relyingParty.verifyRegistration(responseJson, challenge)))
			.flatMap((passkey) -> RunToCompletion.of(this.credentials.insert(passkey)
				.filter((inserted) -> inserted)
				.switchIfEmpty(Mono.error(
						() -> new ResponseStatusException(HttpStatus.CONFLICT, "This passkey is registered already.")))
				.then(this.audit.record(actor, "passkey.added", userId.toString(), passkey.id().toString()))
				.thenReturn(passkey.view())
				.as(this.transaction::transactional)));
	}

	/** Removes one of the user's passkeys, audited; false when they have no such one. */
	public Mono<Boolean> remove(UUID userId, UUID id, Actor actor) {
		return this.credentials.delete(userId, id)
			.flatMap((removed) -> removed
					? this.audit.record(actor, "passkey.removed", userId.toString(), id.toString()).thenReturn(true)
					: Mono.just(false));
	}

	/** Removes every passkey of the user, audited; false when there was none. */
	public Mono<Boolean> removeAll(UUID userId, Actor actor) {
		return this.credentials.deleteAll(userId)
			.flatMap((removed) -> (removed > 0)
					? this.audit.record(actor, "passkey.removed", userId.toString(), "all").thenReturn(true)
					: Mono.just(false));
	}

	/** Options for a login with any passkey of this relying party. */
	public Mono<LoginOptions> loginOptions() {
		return requireEnabled().then(this.ceremonies.startLogin(null, null))
			.map((started) -> new LoginOptions(started.handle(),
					this.relyingParty.requestOptions(started.challenge(), List.of(), true)));
	}

	/**
	 * Options for the second step of the login {@code mfaToken} continues; with passkeys
	 * switched off too, since an account's passkeys stand as its second factor then.
	 */
	public Mono<LoginOptions> secondFactorOptions(UUID userId, String mfaToken) {
		return Mono.zip(this.credentials.ofUser(userId).collectList(), this.ceremonies.startLogin(userId, mfaToken))
			.map((started) -> new LoginOptions(started.getT2().handle(),
					this.relyingParty.requestOptions(started.getT2().challenge(), started.getT1(), false)));
	}

	/** A login with a passkey alone: whose it is, or a 401. */
	public Mono<UUID> authenticate(String ceremony, String responseJson) {
		return requireEnabled().then(this.ceremonies.takeLogin(ceremony, null))
			.switchIfEmpty(Mono.error(PasskeyRejectedException::login))
			.flatMap((taken) -> check(taken.challenge(), responseJson, null, true));
	}

	/**
	 * The second step of a login with the user's passkey; a 401 for any other passkey or
	 * ceremony.
	 */
	public Mono<Void> verifySecondFactor(UUID userId, String mfaToken, String ceremony, String responseJson) {
		return this.ceremonies.takeLogin(ceremony, mfaToken)
			.filter((taken) -> userId.equals(taken.userId()))
			.switchIfEmpty(Mono.error(PasskeyRejectedException::login))
			.flatMap((taken) -> check(taken.challenge(), responseJson, userId, false))
			.then();
	}

	/**
	 * Finds the passkey the answer names, checks the answer against it, and moves its
	 * counter; the owner's id.
	 */
	private Mono<UUID> check(byte[] challenge, String responseJson, UUID expectedUser, boolean userVerification) {
		return Mono.fromCallable(() -> this.relyingParty.parseAuthentication(responseJson))
			.flatMap((data) -> this.credentials.byCredentialId(data.getCredentialId())
				.filter((passkey) -> (expectedUser == null || expectedUser.equals(passkey.userId()))
						&& handleMatches(data, passkey, expectedUser != null))
				.switchIfEmpty(Mono.error(PasskeyRejectedException::login))
				.publishOn(Schedulers.parallel())
				.doOnNext((passkey) -> this.relyingParty.verifyAuthentication(data, challenge, record(passkey),
						userVerification))
				.flatMap((passkey) -> {
					AuthenticatorData<?> authenticator = data.getAuthenticatorData();
					return this.credentials
						.recordUse(passkey, authenticator.getSignCount(), authenticator.isFlagBS(),
								this.clock.instant())
						.filter((recorded) -> recorded)
						.switchIfEmpty(Mono.error(PasskeyRejectedException::login))
						.thenReturn(passkey.userId());
				}));
	}

	/**
	 * The user handle must name the owner: always for a login that named no user before
	 * (WebAuthn section 7.2, step 6), and whenever the authenticator sent one.
	 */
	private static boolean handleMatches(AuthenticationData data, StoredPasskey passkey, boolean userNamedBefore) {
		byte[] handle = data.getUserHandle();
		if (handle == null || handle.length == 0) {
			return userNamedBefore;
		}
		return java.security.MessageDigest.isEqual(handle, userHandle(passkey.userId()));
	}

	private StoredPasskey stored(UUID userId, String name, RegistrationData data) {
		AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
		List<String> transports = (data.getTransports() != null)
				? data.getTransports().stream().map(AuthenticatorTransport::getValue).sorted().toList() : List.of();
		return new StoredPasskey(UUID.randomUUID(), userId, authenticator.getAttestedCredentialData().getCredentialId(),
				this.relyingParty.serialize(authenticator.getAttestedCredentialData()), authenticator.getSignCount(),
				authenticator.isFlagUV(), authenticator.isFlagBE(), authenticator.isFlagBS(), transports, name,
				this.clock.instant(), null);
	}

	private CredentialRecord record(StoredPasskey passkey) {
		return new CredentialRecordImpl(new NoneAttestationStatement(), passkey.uvInitialized(),
				passkey.backupEligible(), passkey.backupState(), passkey.signCount(),
				this.relyingParty.deserialize(passkey.attestedCredentialData()),
				new AuthenticationExtensionsAuthenticatorOutputs<>(), null, null, null);
	}

	static byte[] userHandle(UUID userId) {
		return ByteBuffer.allocate(16)
			.putLong(userId.getMostSignificantBits())
			.putLong(userId.getLeastSignificantBits())
			.array();
	}

	private Mono<Void> requireEnabled() {
		return this.enabled ? Mono.empty()
				: Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Passkeys are switched off."));
	}

	/** A login ceremony's handle and the options for the browser. */
	public record LoginOptions(String ceremony, Map<String, Object> publicKey) {
	}

}
