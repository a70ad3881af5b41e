/**
 * The native Nabla4j backend on ND4J 1.0.0-M2.1 ({@code nd4j-native}: libnd4j kernels, OpenBLAS and LAPACK),
 * registered with {@link java.util.ServiceLoader} as {@code "nd4j"} with priority 20. Add the artifact
 * {@code org.nabla4j:nabla4j-backend-nd4j} and obtain the backend with {@code Backends.get("nd4j")}; it is also the
 * default when it is on the class path, unless system property {@code nabla4j.backend} or environment variable
 * {@code NABLA4J_BACKEND} names another. The only public type is
 * {@link org.nabla4j.backend.nd4j.Nd4jBackend}; tensors, kernels and linear algebra are reached through the
 * {@code org.nabla4j.core} API.
 *
 * <h2>Platforms</h2>
 * The artifact depends on {@code org.nd4j:nd4j-native:1.0.0-M2.1} plus its native jar for {@code linux-x86_64}
 * (classifier {@code linux-x86_64}), so it runs on 64-bit x86 Linux out of the box. On another platform, add the
 * native jar for it and exclude the {@code linux-x86_64} one if it is not wanted. The classifier names the platform;
 * {@code nd4j-native-platform:1.0.0-M2.1} lists {@code linux-x86_64}, {@code macosx-x86_64}, {@code windows-x86_64},
 * {@code linux-armhf}, {@code android-arm}, {@code android-arm64}, {@code android-x86}, {@code android-x86_64},
 * {@code ios-arm64} and {@code ios-x86_64}. For Windows, say:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.nabla4j</groupId>
 *   <artifactId>nabla4j-backend-nd4j</artifactId>
 *   <exclusions>
 *     <exclusion><groupId>org.nd4j</groupId><artifactId>nd4j-native</artifactId></exclusion>
 *   </exclusions>
 * </dependency>
 * <dependency>
 *   <groupId>org.nd4j</groupId>
 *   <artifactId>nd4j-native</artifactId>
 *   <version>1.0.0-M2.1</version>
 * </dependency>
 * <dependency>
 *   <groupId>org.nd4j</groupId>
 *   <artifactId>nd4j-native</artifactId>
 *   <version>1.0.0-M2.1</version>
 *   <classifier>windows-x86_64</classifier>
 * </dependency>
 * }</pre>
 *
 * Alternatively depend on {@code org.nd4j:nd4j-native-platform:1.0.0-M2.1} (with the same exclusion), which brings
 * the native jars of all the platforms above (several hundred megabytes) and lets JavaCPP pick the right one at run
 * time; building with {@code -Djavacpp.platform=<classifier>} restricts it to one platform. The native libraries are
 * extracted to {@code ~/.javacpp/cache} on first use, which takes a few seconds once. When the class path has no
 * native jar for the running platform, the backend refuses to register and {@code Backends} falls back to EJML,
 * listing the reason among the backends that failed to load.
 *
 * <h2>Memory</h2>
 * Every tensor owns one native buffer, freed when the tensor is closed (directly or by a
 * {@link org.nabla4j.core.TensorScope}); kernels free their temporaries before they return. Native memory is
 * therefore flat in loops that close their tensors, whatever the garbage collector does. JavaCPP additionally
 * calls the garbage collector when the process's resident memory exceeds {@code org.bytedeco.javacpp.maxPhysicalBytes}
 * (by default twice the maximum heap); measuring that costs about a third of the time of a small operation. Programs
 * that close their tensors may switch the check off with {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=0}.
 *
 * <h2>Performance settings</h2>
 * libnd4j runs element-wise kernels on OpenMP threads and matrix products on OpenBLAS threads; ND4J sizes both to
 * the number of physical cores, or to {@code OMP_NUM_THREADS} when that environment variable is set. All of the
 * following are environment variables read when the native libraries load, so they must be set before the JVM
 * starts; none changes any result:
 * <ul>
 *   <li>{@code OPENBLAS_CORETYPE}: the OpenBLAS 0.3.19 bundled with ND4J 1.0.0-M2.1 does not know CPUs released
 *       after 2021 and falls back to its slowest kernels (Prescott), which makes matrix products about three times
 *       slower. Run once with {@code OPENBLAS_VERBOSE=2}: if it prints {@code Core: Prescott} or {@code Nehalem},
 *       set {@code OPENBLAS_CORETYPE=HASWELL} for a CPU with AVX2 or {@code SKYLAKEX} for one with AVX-512 (on
 *       AMD Zen 4 {@code SKYLAKEX} is also about 3 % faster than the detected {@code Zen}). Never set an empty or
 *       unknown value: OpenBLAS 0.3.19 then uses its Cooperlake kernel, which computes wrong products on some CPUs
 *       (AMD Zen 4); this backend checks the products once and refuses to multiply if they are wrong.</li>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: after each parallel element-wise operation, OpenMP's worker threads keep
 *       spinning for a few milliseconds; on machines with few cores they take a core from the next matrix product
 *       (measured: a 1024 x 1024 product right after an element-wise operation ran 25 % slower on two cores). The
 *       passive policy removes that at the price of a slower wake-up for medium-sized element-wise operations.</li>
 *   <li>A newer OpenBLAS installed on the system can replace the bundled one with
 *       {@code -Dorg.bytedeco.openblas.load=openblas -Dorg.bytedeco.javacpp.pathsFirst=true}.</li>
 * </ul>
 */
package org.nabla4j.backend.nd4j;
