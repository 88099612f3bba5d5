package dev.chronoscope.emulator.models.form;

import java.util.Locale;

/** The prediction forms of DESIGN §8. */
public enum ModelForm {
    LINEAR, ROOFLINE, TABLE;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static ModelForm parse(String s) {
        for (ModelForm f : values()) if (f.id().equalsIgnoreCase(s.trim())) return f;
        throw new IllegalArgumentException("unknown model form '" + s + "'; expected linear, roofline or table");
    }
}
