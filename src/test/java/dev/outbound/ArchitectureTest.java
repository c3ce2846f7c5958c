package dev.outbound;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The package rules of the service, checked on the production classes. Each top-level package
 * under {@code dev.outbound} is a slice: {@code api} (shared HTTP plumbing) and {@code store}
 * (shared SQL plumbing) are foundations that know no capability; every other top-level package
 * (auth, campaign, batch, ingest, request, ...) is a capability. The rules name no capability, so
 * they hold unchanged as capabilities are added.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.outbound";
    private static final String API = ROOT + ".api..";
    private static final String STORE = ROOT + ".store..";
    private static final String FIRST_KEY_BANNER = ROOT + ".auth.FirstKeyBanner";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    @Test
    void the_production_classes_are_imported() {
        assertThat(topLevelPackages()).contains(ROOT, ROOT + ".api", ROOT + ".store", ROOT + ".auth");
    }

    @Test
    void top_level_packages_have_no_cycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void api_depends_only_on_itself_and_the_root_package() {
        noClasses()
                .that()
                .resideInAPackage(API)
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(ROOT, API))))
                .because("api is the HTTP plumbing every capability shares, so it may know none of them")
                .check(CLASSES);
    }

    @Test
    void store_depends_only_on_itself_api_and_the_root_package() {
        noClasses()
                .that()
                .resideInAPackage(STORE)
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(ROOT, API, STORE))))
                .because("store is the SQL plumbing every capability shares, so it may know none of them")
                .check(CLASSES);
    }

    @Test
    void repositories_are_package_private() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .because("a table belongs to one capability; others go through its service")
                .check(CLASSES);
    }

    @Test
    void repositories_are_used_only_within_their_own_top_level_package() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should(onlyBeUsedWithinTheirTopLevelPackage())
                .check(CLASSES);
    }

    /** Reading a repository's constants (such as its list of sortable properties) is allowed. */
    @Test
    void controllers_use_neither_store_nor_repository_methods() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(Controller.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(STORE)
                .orShould()
                .callMethodWhere(DescribedPredicate.describe(
                        "the target is a @Repository",
                        call -> call.getTargetOwner().isAnnotatedWith(Repository.class)))
                .orShould()
                .callConstructorWhere(DescribedPredicate.describe(
                        "the target is a @Repository",
                        call -> call.getTargetOwner().isAnnotatedWith(Repository.class)))
                .because("controllers translate HTTP and call their capability's service, which owns the SQL")
                .check(CLASSES);
    }

    /**
     * The one exception prints the API key made on a fresh store's first start: a secret goes to
     * standard output once and never through SLF4J, whose appenders may copy it to files.
     */
    @Test
    void no_class_writes_to_standard_streams_or_prints_stack_traces() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(FIRST_KEY_BANNER)
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("everything goes through SLF4J")
                .check(CLASSES);
    }

    @Test
    void the_standard_streams_exception_names_a_class_that_exists() {
        assertThat(CLASSES.contain(FIRST_KEY_BANNER))
                .as("rename the exception with the class")
                .isTrue();
    }

    @Test
    void no_jpa() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javax.persistence..", "jakarta.persistence..", "org.hibernate..")
                .because("the stores are reached with plain SQL through JdbcClient")
                .check(CLASSES);
    }

    /**
     * Every package, not only the top-level ones, since @NullMarked does not reach sub-packages and
     * NullAway (OnlyNullMarked) silently skips code outside it.
     */
    @Test
    void every_package_has_a_null_marked_package_info() {
        List<String> missing = new ArrayList<>();
        for (String pkg : packages()) {
            try {
                Class<?> info = Class.forName(pkg + ".package-info");
                if (!info.isAnnotationPresent(NullMarked.class)) {
                    missing.add(pkg + " (package-info.java is not annotated @NullMarked)");
                }
            } catch (ClassNotFoundException e) {
                missing.add(pkg + " (no package-info.java)");
            }
        }
        assertThat(missing).as("packages without @NullMarked").isEmpty();
        assertThat(packages()).containsAll(topLevelPackages());
    }

    private static Set<String> packages() {
        var out = new TreeSet<String>();
        CLASSES.forEach(c -> out.add(c.getPackageName()));
        return out;
    }

    private static Set<String> topLevelPackages() {
        var out = new TreeSet<String>();
        CLASSES.forEach(c -> out.add(topLevelPackage(c)));
        return out;
    }

    /** {@code dev.outbound} for the root package's classes, else {@code dev.outbound.<first>}. */
    private static String topLevelPackage(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(ROOT + ".")) {
            return pkg;
        }
        int next = pkg.indexOf('.', ROOT.length() + 1);
        return next < 0 ? pkg : pkg.substring(0, next);
    }

    private static ArchCondition<JavaClass> onlyBeUsedWithinTheirTopLevelPackage() {
        return new ArchCondition<>("only be used within their own top-level package") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                String owner = topLevelPackage(repository);
                for (Dependency d : repository.getDirectDependenciesToSelf()) {
                    JavaClass user = d.getOriginClass();
                    if (user.getPackageName().startsWith(ROOT)
                            && !topLevelPackage(user).equals(owner)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
