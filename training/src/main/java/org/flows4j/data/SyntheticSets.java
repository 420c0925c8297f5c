package org.flows4j.data;

import java.util.List;

/** The built-in synthetic sets, by name. */
public final class SyntheticSets {
    private SyntheticSets() {
    }

    /**
     * Every built-in set: two moons ({@code moons}), eight Gaussians ({@code 8gaussians}), the checkerboard
     * ({@code checkerboard}) and an 8-component random mixture in 8 dimensions ({@code gmm8}, seed 1234).
     */
    public static List<KnownDensity> all() {
        return List.of(new TwoMoons(), GaussianMixture.eightGaussians(), new Checkerboard(),
                GaussianMixture.random(8, 8, 3.0, 1234));
    }

    /** The built-in set with the given name; an unknown name is refused with the list of known ones. */
    public static KnownDensity byName(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown synthetic set '" + name + "'; known: "
                        + all().stream().map(KnownDensity::name).toList()));
    }
}
