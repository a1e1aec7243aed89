package dev.authgateway.gateway.passkey;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether users may register passkeys and log in with them
 * @param rpId the WebAuthn relying party ID; empty for the host of the public URL
 * @param rpName the name authenticators show beside the passkey
 * @param allowedOrigins the origins a passkey ceremony may come from; empty for the
 * public URL's origin alone
 */
@ConfigurationProperties("passkeys")
public record PasskeyProperties(@DefaultValue("true") boolean enabled, @DefaultValue("") String rpId,
		@DefaultValue("Auth Gateway") String rpName, @DefaultValue List<String> allowedOrigins) {
}
