package dev.authgateway.support.settings;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at start when settings without a safe default are missing outside demo mode. */
class MissingSettingsException extends IllegalStateException {

	private final List<RequiredSettings.Setting> missing;

	MissingSettingsException(List<RequiredSettings.Setting> missing) {
		super("Missing settings: "
				+ missing.stream().map(RequiredSettings.Setting::variable).collect(Collectors.joining(", ")));
		this.missing = missing;
	}

	List<RequiredSettings.Setting> missing() {
		return this.missing;
	}

}
