package dev.authgateway.gateway.passkey;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The WebAuthn relying party (W3C Web Authentication Level 3, section 7): the options a
 * browser's ceremony starts from, and webauthn4j's checks of what the authenticator
 * answered against the challenge, this relying party's ID and its allowed origins.
 */
@Component
class WebAuthnRelyingParty {

	/** Ed25519, ES256 and RS256: what passkey providers make, in COSE identifiers. */
	private static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(COSEAlgorithmIdentifier.EdDSA,
			COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.RS256);

	static final long TIMEOUT_MILLIS = WebAuthnCeremonies.LIFETIME.toMillis();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();

	private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(
			new ObjectConverter());

	private final String rpId;

	private final String rpName;

	private final Set<Origin> origins;

	WebAuthnRelyingParty(PasskeyProperties properties, @Value("${tokens.issuer}") URI publicUrl) {
		this.rpId = properties.rpId().isBlank() ? publicUrl.getHost() : properties.rpId();
		this.rpName = properties.rpName();
		List<String> allowed = properties.allowedOrigins().isEmpty() ? List.of(originOf(publicUrl))
				: properties.allowedOrigins();
		this.origins = allowed.stream().map(Origin::create).collect(Collectors.toUnmodifiableSet());
	}

	private static String originOf(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() == -1) ? "" : ":" + url.getPort());
	}

	/** PublicKeyCredentialCreationOptionsJSON for a discoverable credential. */
	Map<String, Object> creationOptions(byte[] challenge, byte[] userHandle, String username,
			List<StoredPasskey> existing) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("rp", Map.of("id", this.rpId, "name", this.rpName));
		options.put("user", Map.of("id", encode(userHandle), "name", username, "displayName", username));
		options.put("challenge", encode(challenge));
		options.put("pubKeyCredParams",
				ALGORITHMS.stream().map((alg) -> Map.of("type", "public-key", "alg", alg.getValue())).toList());
		options.put("timeout", TIMEOUT_MILLIS);
		options.put("excludeCredentials", descriptors(existing));
		options.put("authenticatorSelection",
				Map.of("residentKey", "required", "requireResidentKey", true, "userVerification", "required"));
		options.put("attestation", "none");
		options.put("extensions", Map.of("credProps", true));
		return options;
	}

	/**
	 * PublicKeyCredentialRequestOptionsJSON: for any passkey of this relying party when
	 * {@code allowed} is empty, or for those only.
	 */
	Map<String, Object> requestOptions(byte[] challenge, List<StoredPasskey> allowed, boolean userVerification) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("challenge", encode(challenge));
		options.put("timeout", TIMEOUT_MILLIS);
		options.put("rpId", this.rpId);
		options.put("allowCredentials", descriptors(allowed));
		options.put("userVerification", userVerification ? "required" : "preferred");
		return options;
	}

	private static List<Map<String, Object>> descriptors(List<StoredPasskey> passkeys) {
		return passkeys.stream().map((passkey) -> {
			Map<String, Object> descriptor = new LinkedHashMap<>();
			descriptor.put("type", "public-key");
			descriptor.put("id", encode(passkey.credentialId()));
			if (!passkey.transports().isEmpty()) {
				descriptor.put("transports", passkey.transports());
			}
			return descriptor;
		}).toList();
	}

	/**
	 * Checks a RegistrationResponseJSON made for {@code challenge}, user verification
	 * included, and answers the credential.
	 */
	RegistrationData verifyRegistration(String responseJson, byte[] challenge) {
		try {
			RegistrationData data = this.manager.verifyRegistrationResponseJSON(responseJson,
					new RegistrationParameters(serverProperty(challenge), parameters(), true, true));
			if (data.getAttestationObject() == null
					|| data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData() == null) {
				throw PasskeyRejectedException.registration("The answer holds no credential.");
			}
			return data;
		}
		catch (DataConversionException | VerificationException | IllegalArgumentException ex) {
			throw PasskeyRejectedException.registration("The passkey was not accepted: " + reason(ex));
		}
	}

	/**
	 * Reads an AuthenticationResponseJSON without checking it, to find its credential.
	 */
	AuthenticationData parseAuthentication(String responseJson) {
		try {
			return this.manager.parseAuthenticationResponseJSON(responseJson);
		}
		catch (DataConversionException | IllegalArgumentException ex) {
			throw PasskeyRejectedException.login();
		}
	}

	/**
	 * Checks an assertion against the challenge, the stored credential (its public key
	 * and signature counter) and, when asked, user verification.
	 */
	void verifyAuthentication(AuthenticationData data, byte[] challenge, CredentialRecord credential,
			boolean userVerification) {
		try {
			this.manager.verify(data,
					new AuthenticationParameters(serverProperty(challenge), credential, null, userVerification, true));
		}
		catch (VerificationException | IllegalArgumentException ex) {
			throw PasskeyRejectedException.login();
		}
	}

	byte[] serialize(AttestedCredentialData data) {
		return this.credentialData.convert(data);
	}

	AttestedCredentialData deserialize(byte[] data) {
		return this.credentialData.convert(data);
	}

	private ServerProperty serverProperty(byte[] challenge) {
		return ServerProperty.builder()
			.origins(this.origins)
			.rpId(this.rpId)
			.challenge(new DefaultChallenge(challenge))
			.build();
	}

	private static List<PublicKeyCredentialParameters> parameters() {
		return ALGORITHMS.stream()
			.map((alg) -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, alg))
			.toList();
	}

	/** webauthn4j's exception names say what failed, and nothing secret. */
	private static String reason(Exception ex) {
		return ex.getClass()
			.getSimpleName()
			.replaceAll("Exception$", "")
			.replaceAll("([a-z])([A-Z])", "$1 $2")
			.toLowerCase(java.util.Locale.ROOT) + ".";
	}

	static String encode(byte[] bytes) {
		return BASE64URL.encodeToString(bytes);
	}

}
