package dev.authgateway.gateway.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.authgateway.gateway.session.OpaqueTokens;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Ten single-use codes for when the authenticator app is lost: 60 random bits each, so a
 * fast hash (SHA-256) is enough to store them, and a login checks one by a key lookup.
 */
final class RecoveryCodes {

	static final int COUNT = 10;

	private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DatabaseClient database;

	private final Clock clock;

	RecoveryCodes(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/** New codes for the user; every earlier one is void. */
	Mono<List<String>> replace(UUID userId) {
		List<String> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			codes.add(generate());
		}
		Mono<Void> voided = this.database.sql("delete from recovery_code where user_id = :user")
			.bind("user", userId)
			.then();
		Mono<Void> stored = Flux.fromIterable(codes)
			.concatMap(
					(code) -> this.database.sql("insert into recovery_code (user_id, code_hash) values (:user, :hash)")
						.bind("user", userId)
						.bind("hash", hash(code))
						.then())
			.then();
		return voided.then(stored).thenReturn(codes);
	}

	/** Spends the code; false when it is not one of the user's unused codes. */
	Mono<Boolean> spend(UUID userId, String code) {
		if (code == null || code.length() > 32) {
			return Mono.just(false);
		}
		return this.database
			.sql("""
					update recovery_code set used_at = :now where user_id = :user and code_hash = :hash and used_at is null""")
			.bind("now", this.clock.instant())
			.bind("user", userId)
			.bind("hash", hash(normal(code)))
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	Mono<Void> deleteAll(UUID userId) {
		return this.database.sql("delete from recovery_code where user_id = :user").bind("user", userId).then();
	}

	/** Three groups of four: easy to copy from paper. */
	private static String generate() {
		StringBuilder code = new StringBuilder(14);
		for (int i = 0; i < 12; i++) {
			if (i > 0 && i % 4 == 0) {
				code.append('-');
			}
			code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
		}
		return code.toString();
	}

	/** As typed: any case, with or without the dashes and spaces. */
	private static String normal(String code) {
		String letters = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		if (letters.length() != 12) {
			return letters;
		}
		return letters.substring(0, 4) + "-" + letters.substring(4, 8) + "-" + letters.substring(8);
	}

	private static byte[] hash(String code) {
		return OpaqueTokens.hash(code);
	}

}
