package dev.authgateway.gateway.key;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/** Making, storing and loading RSA signing keys. The only place that sees private key material. */
final class RsaKeys {

	static final String ALGORITHM = "RS256";

	private static final int KEY_SIZE = 2048;

	private RsaKeys() {
	}

	static SigningKeyRow generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(KEY_SIZE);
			KeyPair pair = generator.generateKeyPair();
			return new SigningKeyRow(UUID.randomUUID().toString(), ALGORITHM, "active", pair.getPublic().getEncoded(),
					pair.getPrivate().getEncoded(), null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate an RSA key pair", ex);
		}
	}

	/** The full key (private part included) for signing. */
	static RSAKey signingJwk(SigningKeyRow row) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(row.publicKey()));
			RSAPrivateKey privateKey = (RSAPrivateKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(row.privateKey()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyID(row.kid())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.parse(row.algorithm()))
				.build();
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalStateException("Stored signing key " + row.kid() + " cannot be read", ex);
		}
	}

}
