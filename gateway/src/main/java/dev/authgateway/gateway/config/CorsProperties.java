package dev.authgateway.gateway.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Origins of other web apps that may call the gateway with bearer tokens (script mode).
 * None by default: the SPA is served from the gateway's own origin and needs no CORS.
 * Never with credentials, so the refresh cookie stays a same-site affair whatever is
 * allowed here.
 *
 * @param allowedOrigins exact origins, such as {@code https://app.example.com}
 */
@ConfigurationProperties("cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins) {

	CorsProperties {
		// checked while binding, so a typo stops the start instead of silently allowing
		// nothing
		allowedOrigins.forEach(CorsProperties::requireOrigin);
	}

	/**
	 * No CORS processing at all when no origin is allowed. Otherwise the gateway's own
	 * public origin is allowed too: behind a proxy that ends TLS, the SPA's same-origin
	 * calls arrive with an {@code Origin} that differs from the request's scheme, and
	 * CORS processing would refuse them.
	 */
	CorsConfigurationSource source(URI publicUrl) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (this.allowedOrigins.isEmpty()) {
			return source;
		}
		List<String> origins = new ArrayList<>(this.allowedOrigins);
		origins.add(publicUrl.getScheme() + "://" + publicUrl.getRawAuthority());
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(origins);
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "DPoP"));
		configuration.setExposedHeaders(List.of("Location", "Retry-After", "WWW-Authenticate", "DPoP-Nonce"));
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(3600L);
		source.registerCorsConfiguration("/auth/**", configuration);
		source.registerCorsConfiguration("/.well-known/**", configuration);
		source.registerCorsConfiguration("/api/**", configuration);
		return source;
	}

	private static void requireOrigin(String origin) {
		URI uri;
		try {
			uri = URI.create(origin);
		}
		catch (IllegalArgumentException ex) {
			uri = null;
		}
		boolean valid = uri != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
				&& uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
				&& uri.getUserInfo() == null;
		if (!valid) {
			throw new IllegalArgumentException("CORS_ALLOWED_ORIGINS (cors.allowed-origins): '" + origin
					+ "' is not an origin; use scheme://host[:port], such as https://app.example.com");
		}
	}

}
