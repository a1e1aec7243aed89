package dev.authgateway.gateway.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import dev.authgateway.support.text.PlainText;

/**
 * A passkey login's answer: the ceremony its options named and the authenticator's
 * AuthenticationResponseJSON.
 */
record PasskeyTokenRequest(@NotBlank @Size(max = 64) @PlainText String ceremony, @NotNull JsonNode credential) {
}
