package dev.authgateway.gateway.key;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Making, storing and loading signing keys: RSA 2048 for RS256, P-256 for ES256. The only
 * place besides {@link KeyEncryption} that handles private key material (and
 * {@link FirstKeyAhead}, which holds a new database's first key pair until
 * {@link SigningKeys} stores it).
 */
final class KeyMaterial {

	private KeyMaterial() {
	}

	static KeyPair generatePair(String algorithm) {
		try {
			return generator(algorithm).generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + algorithm + " key pair", ex);
		}
	}

	/**
	 * A new key's row, its private part encrypted when an encryption key is configured.
	 */
	static SigningKeyRow row(KeyPair pair, String algorithm, String state, KeyEncryption encryption) {
		return new SigningKeyRow(UUID.randomUUID().toString(), algorithm, state, pair.getPublic().getEncoded(),
				encryption.encrypt(pair.getPrivate().getEncoded()), null, null, null);
	}

	/** The full key (private part included) for signing. */
	static JWK signingJwk(SigningKeyRow row, KeyEncryption encryption) {
		return jwk(row, encryption.decrypt(row.privateKey()));
	}

	/** The public half only, for the JWK set: the private key is not even decrypted. */
	static JWK publicJwk(SigningKeyRow row) {
		return jwk(row, null);
	}

	private static JWK jwk(SigningKeyRow row, byte[] privateDer) {
		try {
			return switch (row.algorithm()) {
				case "RS256" -> {
					RSAKey.Builder rsa = new RSAKey.Builder((RSAPublicKey) publicKey("RSA", row.publicKey()));
					if (privateDer != null) {
						rsa.privateKey((RSAPrivateKey) privateKey("RSA", privateDer));
					}
					yield rsa.keyID(row.kid()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
				}
				case "ES256" -> {
					ECKey.Builder ec = new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey("EC", row.publicKey()));
					if (privateDer != null) {
						ec.privateKey((ECPrivateKey) privateKey("EC", privateDer));
					}
					yield ec.keyID(row.kid()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
				}
				default -> throw new IllegalStateException("Unsupported signing algorithm " + row.algorithm());
			};
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalStateException("Stored signing key " + row.kid() + " cannot be read", ex);
		}
	}

	private static KeyPairGenerator generator(String algorithm) throws GeneralSecurityException {
		return switch (algorithm) {
			case "RS256" -> {
				KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
				rsa.initialize(2048);
				yield rsa;
			}
			case "ES256" -> {
				KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
				ec.initialize(new ECGenParameterSpec("secp256r1"));
				yield ec;
			}
			default -> throw new IllegalArgumentException("Unsupported signing algorithm " + algorithm);
		};
	}

	private static PublicKey publicKey(String type, byte[] der) throws GeneralSecurityException {
		return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
	}

	private static PrivateKey privateKey(String type, byte[] der) throws GeneralSecurityException {
		return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
	}

}
