package io.schemagate.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * deploy/kubernetes, checked without a cluster: every manifest parses strictly into
 * fabric8's typed Kubernetes model, and agrees with the app, its image and its rules
 * (the Job migrates, the Deployment never does, probes ask endpoints the app has).
 */
class KubernetesManifestsTests {

	private static final Path DIRECTORY = Path.of("deploy/kubernetes");

	private static final String KUSTOMIZATION = "kustomization.yaml";

	private static final String POST_DEPLOY = "post-deploy";

	private static final String POST_DEPLOY_JOB = "post-migrate-job.yaml";

	private static final String READINESS = "/actuator/health/readiness";

	private static final String LIVENESS = "/actuator/health/liveness";

	/** The kinds these manifests may hold, by apiVersion/kind; any other is an error. */
	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("v1/Service", Service.class,
			"apps/v1/Deployment", Deployment.class, "batch/v1/Job", Job.class, "policy/v1/PodDisruptionBudget",
			PodDisruptionBudget.class);

	private static final ObjectMapper STRICT = strictMapper();

	@Test
	void everyManifestParsesStrictlyIntoTheKubernetesModel() throws IOException {
		List<Manifest> manifests = manifests();
		assertThat(manifests).extracting((manifest) -> manifest.resource().getKind())
			.containsExactlyInAnyOrder("Job", "Deployment", "Service", "PodDisruptionBudget");
		for (Manifest manifest : manifests) {
			assertThat(manifest.resource().getMetadata().getName()).as(manifest.file().toString()).startsWith("schemagate");
			assertThat(manifest.resource().getMetadata().getNamespace()).as("%s: the namespace is the user's choice",
					manifest.file())
				.isNull();
		}
	}

	@Test
	void strictParsingRefusesUnknownFieldsAndMistypedValues() {
		String job = """
				apiVersion: batch/v1
				kind: Job
				metadata: {name: schemagate-migrate}
				spec:
				  template:
				    spec:
				      containers: [{name: migrate, image: schemagate, %s}]
				""";
		assertThatIllegalArgumentException().isThrownBy(() -> parse(job.formatted("argz: [migrate]")))
			.withMessageContaining("argz");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse(job.formatted("env: [{name: RUN_MIGRATIONS, value: false}]")))
			.withMessageContaining("value");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(job.formatted("ports: [{containerPort: '8080'}]")))
			.withMessageContaining("containerPort");
		assertThat(parse(job.formatted("args: [migrate]"))).isInstanceOf(Job.class);
	}

	@Test
	void kustomizationAppliesTheJobFirstAndListsEveryManifest() throws IOException {
		Map<String, Object> kustomization = ProjectFiles.strictYaml()
			.load(Files.readString(DIRECTORY.resolve(KUSTOMIZATION)));
		assertThat(kustomization).containsEntry("kind", "Kustomization");
		List<String> resources = ((List<?>) kustomization.get("resources")).stream().map(String::valueOf).toList();
		Set<String> files = manifests().stream()
			.map((manifest) -> manifest.file().getFileName().toString())
			.collect(Collectors.toSet());
		assertThat(resources).as("kustomization.yaml resources").hasSameElementsAs(files).doesNotHaveDuplicates();
		assertThat(kustomization.get("sortOptions")).as("kustomization.yaml keeps the listed order")
			.isEqualTo(Map.of("order", "fifo"));
		Path first = DIRECTORY.resolve((String) resources.get(0));
		assertThat(manifests()).filteredOn((manifest) -> manifest.file().equals(first))
			.extracting((manifest) -> manifest.resource().getKind())
			.as("the first resource applied")
			.containsExactly("Job");
	}

	@Test
	void theJobRunsMigrateAsTheOwnerRole() throws IOException {
		Container migrate = onlyContainer(job().getSpec().getTemplate());
		assertThat(migrate.getCommand()).as("command: the image's ENTRYPOINT runs the args").isNullOrEmpty();
		assertThat(migrate.getArgs()).containsExactly("migrate");
		Map<String, EnvVar> env = env(migrate);
		assertThat(literal(env, "RUN_MIGRATIONS")).as("RUN_MIGRATIONS in the Job").isNotEqualToIgnoringCase("true");
		assertThat(secretName(env, "MIGRATION_DATABASE_URL")).as("MIGRATION_DATABASE_URL from a Secret").isNotNull();
		assertThat(secretName(env, "MIGRATION_DATABASE_PASSWORD")).isEqualTo(secretName(env, "MIGRATION_DATABASE_URL"));
		assertThat(env).as("the runtime role's credentials stay out of the Job")
			.doesNotContainKeys("DATABASE_URL", "DATABASE_PASSWORD");
	}

	@Test
	void theJobRetriesOnlyWhatARetryCanFixWithinADeadline() throws IOException {
		Job job = job();
		assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
		assertThat(job.getSpec().getBackoffLimit()).as("backoffLimit").isBetween(1, 6);
		assertThat(job.getSpec().getActiveDeadlineSeconds()).as("activeDeadlineSeconds").isPositive();
		List<Integer> failsAtOnce = job.getSpec()
			.getPodFailurePolicy()
			.getRules()
			.stream()
			.filter((rule) -> "FailJob".equals(rule.getAction()) && rule.getOnExitCodes() != null)
			.map(PodFailurePolicyRule::getOnExitCodes)
			.peek((codes) -> assertThat(codes.getOperator()).isEqualTo("In"))
			.flatMap((codes) -> codes.getValues().stream())
			.toList();
		// A failed migration, refused credentials, a bad setting: the same again on a retry.
		assertThat(failsAtOnce).contains(64, 65, 77, 78);
		// The database coming up, a lock released, a node drained: worth a retry.
		assertThat(failsAtOnce).doesNotContain(69, 75, 143);
	}

	@Test
	void theDeploymentServesWithoutEverMigrating() throws IOException {
		Deployment deployment = deployment();
		Container api = onlyContainer(deployment.getSpec().getTemplate());
		assertThat(api.getCommand()).as("command: the image's ENTRYPOINT runs the args").isNullOrEmpty();
		assertThat(api.getArgs()).as("args: serve, or none for the image's CMD")
			.isIn(null, List.of(), List.of("serve"));
		Map<String, EnvVar> env = env(api);
		assertThat(literal(env, "RUN_MIGRATIONS")).as("RUN_MIGRATIONS in the Deployment").isEqualTo("false");
		assertThat(env.keySet()).as("the Deployment has no owner credentials")
			.noneMatch((name) -> name.startsWith("MIGRATION_DATABASE_"));
		assertThat(secretName(env, "DATABASE_URL")).as("DATABASE_URL from a Secret")
			.isNotNull()
			.isNotEqualTo(secretName(env(onlyContainer(job().getSpec().getTemplate())), "MIGRATION_DATABASE_URL"));
		assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
			.as("no old pod goes before a new one is ready")
			.isEqualTo(new IntOrString(0));
	}

	@Test
	void probesAskTheHealthGroupsTheAppExposesOnItsManagementPort() throws IOException {
		java.util.Properties properties = ProjectFiles.applicationProperties();
		assertThat(properties.getProperty("management.endpoints.web.exposure.include")).contains("health");
		assertThat(properties.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(properties.getProperty("management.endpoint.health.group.readiness.include"))
			.as("readiness follows the schema")
			.contains("migrations");
		Container api = onlyContainer(deployment().getSpec().getTemplate());
		int port = ProjectFiles.managementPort();
		assertThat(httpGet(api.getReadinessProbe(), "readiness").getPath()).isEqualTo(READINESS);
		assertThat(httpGet(api.getLivenessProbe(), "liveness").getPath()).isEqualTo(LIVENESS);
		assertThat(httpGet(api.getStartupProbe(), "startup").getPath()).isIn(LIVENESS, READINESS);
		for (Probe probe : List.of(api.getReadinessProbe(), api.getLivenessProbe(), api.getStartupProbe())) {
			assertThat(containerPort(api, probe.getHttpGet().getPort())).as("probe port").isEqualTo(port);
		}
		assertThat(api.getPorts()).extracting((containerPort) -> containerPort.getContainerPort())
			.as("the container's ports")
			.containsExactlyInAnyOrder(ProjectFiles.applicationPort(), port);
	}

	@Test
	void everyImageIsTheOneTheComposeFilesRun() throws IOException {
		String repository = ProjectFiles.composeImageRepository();
		List<String> images = podTemplates().stream()
			.flatMap((template) -> template.getSpec().getContainers().stream())
			.map(Container::getImage)
			.toList();
		assertThat(images).isNotEmpty().allSatisfy((image) -> assertThat(ProjectFiles.repository(image)).isEqualTo(repository));
		assertThat(Set.copyOf(images)).as("the Job and the Deployment run the same build").hasSize(1);
		Map<String, Object> kustomization = ProjectFiles.strictYaml()
			.load(Files.readString(DIRECTORY.resolve(KUSTOMIZATION)));
		assertThat((List<?>) kustomization.get("images")).as("kustomization.yaml images")
			.isNotEmpty()
			.allSatisfy((image) -> assertThat(((Map<?, ?>) image).get("name")).isEqualTo(repository));
	}

	@Test
	void everyVariableSetIsOneTheAppReads() throws IOException {
		Set<String> known = ProjectFiles.variablesTheAppReads();
		for (Container container : containers()) {
			assertThat(container.getEnvFrom()).as("%s: envFrom hides which variables are set", container.getName())
				.isNullOrEmpty();
			assertThat(env(container).keySet()).as("%s: variables missing from .env.example", container.getName())
				.isSubsetOf(known);
		}
	}

	@Test
	void credentialsComeFromSecretsNeverFromTheManifest() throws IOException {
		for (Container container : containers()) {
			env(container).values()
				.stream()
				.filter((variable) -> variable.getName().endsWith("_URL") || variable.getName().endsWith("_PASSWORD"))
				.forEach((variable) -> {
					assertThat(variable.getValue()).as(variable.getName()).isNull();
					assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
				});
		}
	}

	@Test
	void podsRunAsTheImageUserOnAReadOnlyRootFileSystem() throws IOException {
		long user = ProjectFiles.dockerfileUser();
		for (PodTemplateSpec template : podTemplates()) {
			PodSpec pod = template.getSpec();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(user);
			for (Container container : pod.getContainers()) {
				assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
				assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
				VolumeMount tmp = container.getVolumeMounts()
					.stream()
					.filter((mount) -> "/tmp".equals(mount.getMountPath()))
					.findFirst()
					.orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at /tmp"));
				Volume volume = pod.getVolumes()
					.stream()
					.filter((candidate) -> candidate.getName().equals(tmp.getName()))
					.findFirst()
					.orElseThrow();
				assertThat(volume.getEmptyDir()).as("/tmp of %s is an emptyDir", container.getName()).isNotNull();
			}
		}
	}

	@Test
	void everyContainerRequestsWhatItNeedsAndHasAMemoryLimit() throws IOException {
		for (Container container : containers()) {
			assertThat(container.getResources().getRequests()).as(container.getName()).containsKeys("cpu", "memory");
			assertThat(container.getResources().getLimits()).as(container.getName()).containsKey("memory");
			assertThat(container.getResources().getLimits().get("memory").getNumericalAmount())
				.as("%s: memory limit at least its request", container.getName())
				.isGreaterThanOrEqualTo(container.getResources().getRequests().get("memory").getNumericalAmount());
		}
	}

	@Test
	void podsOutliveTheGracefulShutdown() throws IOException {
		long shutdown = ProjectFiles.gracefulShutdown().toSeconds();
		for (PodTemplateSpec template : podTemplates()) {
			assertThat(template.getSpec().getTerminationGracePeriodSeconds()).as("terminationGracePeriodSeconds")
				.isGreaterThan(shutdown);
		}
	}

	@Test
	void theServiceAndTheBudgetSelectServingPodsOnly() throws IOException {
		Map<String, String> serving = deployment().getSpec().getTemplate().getMetadata().getLabels();
		Map<String, String> migrating = job().getSpec().getTemplate().getMetadata().getLabels();
		Service service = only(Service.class);
		PodDisruptionBudget budget = only(PodDisruptionBudget.class);
		assertThat(budget.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
		List<Map<String, String>> selectors = List.of(service.getSpec().getSelector(),
				budget.getSpec().getSelector().getMatchLabels(),
				deployment().getSpec().getSelector().getMatchLabels());
		for (Map<String, String> selector : selectors) {
			assertThat(serving).containsAllEntriesOf(selector);
			assertThat(migrating.entrySet().containsAll(selector.entrySet()))
				.as("the Job's pods are selected by %s", selector)
				.isFalse();
		}
		Container api = onlyContainer(deployment().getSpec().getTemplate());
		// The API only: the actuator's management port stays off the Service.
		assertThat(service.getSpec().getPorts()).singleElement()
			.satisfies((port) -> assertThat(containerPort(api, port.getTargetPort()))
				.isEqualTo(ProjectFiles.applicationPort()));
	}

	@Test
	void theRolloutWaitsLongerThanTheJobMayRun() throws IOException {
		assertThat(deployment().getSpec().getProgressDeadlineSeconds())
			.isGreaterThan(job().getSpec().getActiveDeadlineSeconds().intValue());
	}

	@Test
	void thePostDeployJobIsTheMigrateJobRunningMigratePostAppliedOnItsOwn() throws IOException {
		Path directory = DIRECTORY.resolve(POST_DEPLOY);
		Job post = (Job) parse(Files.readString(directory.resolve(POST_DEPLOY_JOB)));
		Job regular = job();
		assertThat(post.getMetadata().getName()).isNotEqualTo(regular.getMetadata().getName()).startsWith("schemagate");
		assertThat(onlyContainer(post.getSpec().getTemplate()).getArgs()).containsExactly("migrate", "--post");
		// Everything else as the release's Job: owner role, retries, deadline, security.
		Job expected = new JobBuilder(regular).editMetadata()
			.withName(post.getMetadata().getName())
			.withLabels(post.getMetadata().getLabels())
			.endMetadata()
			.editSpec()
			.editTemplate()
			.editMetadata()
			.withLabels(post.getSpec().getTemplate().getMetadata().getLabels())
			.endMetadata()
			.editSpec()
			.editFirstContainer()
			.withArgs("migrate", "--post")
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
		assertThat(post).isEqualTo(expected);
		Map<String, Object> parent = ProjectFiles.strictYaml().load(Files.readString(DIRECTORY.resolve(KUSTOMIZATION)));
		Map<String, Object> own = ProjectFiles.strictYaml().load(Files.readString(directory.resolve(KUSTOMIZATION)));
		assertThat(own.get("resources")).as("post-deploy/kustomization.yaml resources")
			.isEqualTo(List.of(POST_DEPLOY_JOB));
		assertThat(own.get("images")).as("the post-deploy Job runs the release's image").isEqualTo(parent.get("images"));
		assertThat(String.valueOf(parent.get("resources"))).as("the release's apply does not start it")
			.doesNotContain(POST_DEPLOY);
	}

	private record Manifest(Path file, HasMetadata resource) {
	}

	private static List<Manifest> manifests() throws IOException {
		List<Manifest> manifests = new ArrayList<>();
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yaml"))
				.filter((path) -> !path.getFileName().toString().equals(KUSTOMIZATION))
				.sorted()
				.toList()) {
				for (Object document : ProjectFiles.strictYaml().loadAll(Files.readString(file))) {
					try {
						manifests.add(new Manifest(file, parse(document)));
					}
					catch (IllegalArgumentException ex) {
						throw new AssertionError(file + ": " + ex.getMessage(), ex);
					}
				}
			}
		}
		return manifests;
	}

	private static HasMetadata parse(String yaml) {
		Object document = ProjectFiles.strictYaml().load(yaml);
		return parse(document);
	}

	private static HasMetadata parse(Object document) {
		if (!(document instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("not a Kubernetes object: " + document);
		}
		String kind = map.get("apiVersion") + "/" + map.get("kind");
		Class<? extends HasMetadata> type = KINDS.get(kind);
		if (type == null) {
			throw new IllegalArgumentException(kind + " is not a kind these tests know; add it to KINDS");
		}
		return STRICT.convertValue(map, type);
	}

	/**
	 * Jackson as fabric8 uses it, but strict: fabric8's classes keep unknown fields in
	 * additionalProperties (a typo would pass silently), so the any-setters are ignored
	 * and unknown fields fail; scalars are not coerced (a YAML {@code false} is no env
	 * value, Kubernetes refuses it).
	 */
	private static ObjectMapper strictMapper() {
		ObjectMapper mapper = new ObjectMapper();
		mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {

			@Override
			public Boolean hasAnySetter(Annotated annotated) {
				return Boolean.FALSE;
			}

			@Override
			@SuppressWarnings("deprecation")
			public boolean hasAnySetterAnnotation(AnnotatedMethod method) {
				return false;
			}

			@Override
			public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
				return JsonIgnoreProperties.Value.empty();
			}

		});
		mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
		for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
				CoercionInputShape.Boolean)) {
			mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
		}
		for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
			mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
		}
		return mapper;
	}

	private static <T extends HasMetadata> T only(Class<T> type) throws IOException {
		List<T> found = manifests().stream()
			.map(Manifest::resource)
			.filter(type::isInstance)
			.map(type::cast)
			.toList();
		assertThat(found).as(type.getSimpleName() + "s in " + DIRECTORY).hasSize(1);
		return found.get(0);
	}

	private static Job job() throws IOException {
		return only(Job.class);
	}

	private static Deployment deployment() throws IOException {
		return only(Deployment.class);
	}

	private static List<PodTemplateSpec> podTemplates() throws IOException {
		return List.of(job().getSpec().getTemplate(), deployment().getSpec().getTemplate());
	}

	private static List<Container> containers() throws IOException {
		return podTemplates().stream().flatMap((template) -> template.getSpec().getContainers().stream()).toList();
	}

	private static Container onlyContainer(PodTemplateSpec template) {
		assertThat(template.getSpec().getContainers()).hasSize(1);
		assertThat(template.getSpec().getInitContainers()).isNullOrEmpty();
		return template.getSpec().getContainers().get(0);
	}

	private static Map<String, EnvVar> env(Container container) {
		List<EnvVar> env = (container.getEnv() != null) ? container.getEnv() : List.of();
		assertThat(env).extracting(EnvVar::getName).as("%s: env names", container.getName()).doesNotHaveDuplicates();
		return env.stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
	}

	/** The literal value of a variable, or null when it is not set (or set from a Secret). */
	private static String literal(Map<String, EnvVar> env, String name) {
		EnvVar variable = env.get(name);
		return (variable != null) ? variable.getValue() : null;
	}

	/** The Secret a variable comes from, or null. */
	private static String secretName(Map<String, EnvVar> env, String name) {
		EnvVar variable = env.get(name);
		if (variable == null || variable.getValueFrom() == null || variable.getValueFrom().getSecretKeyRef() == null) {
			return null;
		}
		return variable.getValueFrom().getSecretKeyRef().getName();
	}

	private static HTTPGetAction httpGet(Probe probe, String which) {
		assertThat(probe).as(which + " probe").isNotNull();
		assertThat(probe.getHttpGet()).as(which + " probe is an HTTP GET").isNotNull();
		return probe.getHttpGet();
	}

	/** A port by number, or by the name of one of the container's ports. */
	private static int containerPort(Container container, IntOrString port) {
		if (port.getIntVal() != null) {
			return port.getIntVal();
		}
		return container.getPorts()
			.stream()
			.filter((candidate) -> port.getStrVal().equals(candidate.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()))
			.getContainerPort();
	}

}
