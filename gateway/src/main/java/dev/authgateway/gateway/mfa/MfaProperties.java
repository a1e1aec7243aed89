package dev.authgateway.gateway.mfa;

import java.util.Set;

import dev.authgateway.gateway.user.Role;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param requiredRoles roles whose users must have a second factor: one without is led to
 * set one up before any token is issued
 */
@ConfigurationProperties("mfa")
record MfaProperties(@DefaultValue Set<Role> requiredRoles) {
}
