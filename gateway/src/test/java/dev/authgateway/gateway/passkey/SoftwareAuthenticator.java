package dev.authgateway.gateway.passkey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

/**
 * A passkey authenticator in software for tests: an ES256 key pair behind one
 * discoverable credential, answering ceremonies as a browser would pass them on, and able
 * to answer them wrongly on purpose.
 */
public final class SoftwareAuthenticator {

	private static final byte UP = 0x01;

	private static final byte UV = 0x04;

	private static final byte AT = 0x40;

	private static final ObjectConverter CONVERTER = new ObjectConverter();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	private final byte[] credentialId = new byte[16];

	private byte[] userHandle;

	private long signCount;

	public SoftwareAuthenticator() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		new SecureRandom().nextBytes(this.credentialId);
	}

	/** A RegistrationResponseJSON for PublicKeyCredentialCreationOptionsJSON. */
	public Map<String, Object> register(Map<String, Object> options, String origin) {
		@SuppressWarnings("unchecked")
		Map<String, Object> rp = (Map<String, Object>) options.get("rp");
		@SuppressWarnings("unchecked")
		Map<String, Object> user = (Map<String, Object>) options.get("user");
		this.userHandle = Base64.getUrlDecoder().decode(user.get("id").toString());
		byte[] clientData = clientData("webauthn.create", options.get("challenge").toString(), origin);
		AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, this.credentialId,
				EC2COSEKey.create((ECPublicKey) this.keys.getPublic(), COSEAlgorithmIdentifier.ES256));
		AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(
				sha256(rp.get("id").toString().getBytes(StandardCharsets.UTF_8)), (byte) (UP | UV | AT), this.signCount,
				credential);
		byte[] attestation = new AttestationObjectConverter(CONVERTER)
			.convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
		return credential(Map.of("clientDataJSON", encode(clientData), "attestationObject", encode(attestation),
				"transports", List.of("internal")));
	}

	/**
	 * An AuthenticationResponseJSON for the options' challenge, as a browser at origin.
	 */
	public Map<String, Object> assertion(Map<String, Object> options, String origin) {
		return assertion(options.get("challenge").toString(), origin, options.get("rpId").toString(), true);
	}

	/** An AuthenticationResponseJSON with every part chosen by the test. */
	public Map<String, Object> assertion(String challenge, String origin, String rpId, boolean userVerified) {
		this.signCount++;
		return signed(challenge, origin, rpId, userVerified, this.signCount);
	}

	/** An answer that leaves out the user handle, which authenticators may do. */
	public Map<String, Object> assertionWithoutUserHandle(Map<String, Object> options, String origin) {
		Map<String, Object> credential = assertion(options, origin);
		@SuppressWarnings("unchecked")
		Map<String, Object> response = (Map<String, Object>) credential.get("response");
		response.remove("userHandle");
		return credential;
	}

	/** An answer whose counter is the one given, as a cloned authenticator's might be. */
	public Map<String, Object> assertionWithCounter(Map<String, Object> options, String origin, long counter) {
		return signed(options.get("challenge").toString(), origin, options.get("rpId").toString(), true, counter);
	}

	private Map<String, Object> signed(String challenge, String origin, String rpId, boolean userVerified,
			long counter) {
		byte[] clientData = clientData("webauthn.get", challenge, origin);
		byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(new AuthenticatorData<>(
				sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (userVerified ? UP | UV : UP), counter));
		try {
			Signature signature = Signature.getInstance("SHA256withECDSA");
			signature.initSign(this.keys.getPrivate());
			signature.update(authenticatorData);
			signature.update(sha256(clientData));
			Map<String, Object> response = new LinkedHashMap<>();
			response.put("clientDataJSON", encode(clientData));
			response.put("authenticatorData", encode(authenticatorData));
			response.put("signature", encode(signature.sign()));
			response.put("userHandle", encode(this.userHandle));
			return credential(response);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, Object> credential(Map<String, Object> response) {
		Map<String, Object> credential = new LinkedHashMap<>();
		credential.put("id", encode(this.credentialId));
		credential.put("rawId", encode(this.credentialId));
		credential.put("type", "public-key");
		credential.put("response", response);
		credential.put("clientExtensionResults", Map.of());
		credential.put("authenticatorAttachment", "platform");
		return credential;
	}

	private static byte[] clientData(String type, String challenge, String origin) {
		return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
				+ "\",\"crossOrigin\":false}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(byte[] bytes) {
		return BASE64URL.encodeToString(bytes);
	}

}
