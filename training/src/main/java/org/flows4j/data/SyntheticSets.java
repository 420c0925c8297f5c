package org.flows4j.data;

import java.util.List;

/** The built-in synthetic sets, by name. */
public final class SyntheticSets {
    private SyntheticSets() {
    }

    public static List<KnownDensity> all() {
        return List.of(new TwoMoons(), GaussianMixture.eightGaussians(), new Checkerboard(),
                GaussianMixture.random(8, 8, 3.0, 1234));
    }

    public static KnownDensity byName(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown synthetic set '" + name + "'; known: "
                        + all().stream().map(KnownDensity::name).toList()));
    }
}
