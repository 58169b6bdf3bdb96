package io.schemagate.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.schemagate.support.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/ecs, checked without AWS: the task definitions use only fields ECS knows, run
 * the commands and variables the app has, take credentials from placeholder secret ARNs,
 * and migrate.sh runs the task, waits for it and checks its exit code.
 */
class EcsTaskDefinitionsTests {

	private static final Path DIRECTORY = Path.of("deploy/ecs");

	private static final Path MIGRATE = DIRECTORY.resolve("migrate-task-definition.json");

	private static final Path SERVICE = DIRECTORY.resolve("service-task-definition.json");

	private static final Path SCRIPT = DIRECTORY.resolve("migrate.sh");

	/** The account of AWS's documentation examples: nothing real. */
	private static final String PLACEHOLDER_ACCOUNT = "123456789012";

	/** RegisterTaskDefinition's input fields (`aws ecs register-task-definition --cli-input-json`). */
	private static final Set<String> TASK_DEFINITION_FIELDS = Set.of("family", "taskRoleArn", "executionRoleArn",
			"networkMode", "containerDefinitions", "volumes", "placementConstraints", "requiresCompatibilities", "cpu",
			"memory", "tags", "pidMode", "ipcMode", "proxyConfiguration", "inferenceAccelerators", "ephemeralStorage",
			"runtimePlatform", "enableFaultInjection");

	/** ContainerDefinition's fields. */
	private static final Set<String> CONTAINER_FIELDS = Set.of("name", "image", "repositoryCredentials", "cpu",
			"memory", "memoryReservation", "links", "portMappings", "essential", "restartPolicy", "entryPoint", "command",
			"environment", "environmentFiles", "mountPoints", "volumesFrom", "linuxParameters", "secrets", "dependsOn",
			"startTimeout", "stopTimeout", "versionConsistency", "hostname", "user", "workingDirectory",
			"disableNetworking", "privileged", "readonlyRootFilesystem", "dnsServers", "dnsSearchDomains", "extraHosts",
			"dockerSecurityOptions", "interactive", "pseudoTerminal", "dockerLabels", "ulimits", "logConfiguration",
			"healthCheck", "systemControls", "resourceRequirements", "firelensConfiguration", "credentialSpecs");

	private static final Set<String> HEALTH_CHECK_FIELDS = Set.of("command", "interval", "timeout", "retries",
			"startPeriod");

	private static final Pattern SECRET_ARN = Pattern
		.compile("arn:aws:(secretsmanager|ssm):[a-z0-9-]+:" + PLACEHOLDER_ACCOUNT + ":(secret|parameter)[:/].+");

	/** Twelve digits where an account id stands: in an ARN, or an ECR registry's host. */
	private static final Pattern ACCOUNT = Pattern.compile("(?:arn:aws:[a-z0-9-]+:[a-z0-9-]*:|^)(\\d{12})(?=[:.])");

	@Test
	void taskDefinitionsUseOnlyFieldsEcsKnows() throws IOException {
		for (Path file : List.of(MIGRATE, SERVICE)) {
			Map<String, Object> definition = read(file);
			assertThat(definition.keySet()).as(file.toString()).isSubsetOf(TASK_DEFINITION_FIELDS);
			assertThat(containers(definition)).as(file + ": containers").hasSize(1);
			Map<String, Object> container = container(definition);
			assertThat(container.keySet()).as(file + ": container").isSubsetOf(CONTAINER_FIELDS);
			assertThat(list(container, "environment")).as(file + ": environment")
				.allSatisfy((variable) -> assertThat(variable).containsOnlyKeys("name", "value")
					.extractingByKey("value")
					.isInstanceOf(String.class));
			assertThat(list(container, "secrets")).as(file + ": secrets")
				.allSatisfy((secret) -> assertThat(secret).containsOnlyKeys("name", "valueFrom"));
			if (container.containsKey("healthCheck")) {
				assertThat(map(container, "healthCheck").keySet()).isSubsetOf(HEALTH_CHECK_FIELDS);
			}
		}
	}

	@Test
	void theMigrationTaskRunsMigrateAsTheOwnerRole() throws IOException {
		Map<String, Object> migrate = container(read(MIGRATE));
		assertThat(migrate).as("entryPoint: the image's runs the command").doesNotContainKey("entryPoint");
		assertThat(migrate.get("command")).isEqualTo(List.of("migrate"));
		assertThat(environment(migrate).get("RUN_MIGRATIONS")).as("RUN_MIGRATIONS").isNotEqualToIgnoringCase("true");
		assertThat(secrets(migrate)).containsKeys("MIGRATION_DATABASE_URL", "MIGRATION_DATABASE_PASSWORD")
			.as("the runtime role's credentials stay out of the migration task")
			.doesNotContainKeys("DATABASE_URL", "DATABASE_PASSWORD");
		assertThat(migrate).as("a one-shot task: no port, no health check")
			.doesNotContainKeys("portMappings", "healthCheck");
	}

	@Test
	void theServiceServesWithoutMigratingAndChecksItsHealthInTheShell() throws IOException {
		Map<String, Object> api = container(read(SERVICE));
		assertThat(api).as("entryPoint: the image's runs the command").doesNotContainKey("entryPoint");
		assertThat(api.get("command")).as("command: serve, or none for the image's CMD")
			.isIn(null, List.of(), List.of("serve"));
		assertThat(environment(api)).containsEntry("RUN_MIGRATIONS", "false");
		assertThat(names(api)).as("the service has no owner credentials")
			.noneMatch((name) -> name.startsWith("MIGRATION_DATABASE_"));
		assertThat(secrets(api)).containsKey("DATABASE_URL");
		assertThat(map(api, "healthCheck").get("command")).isEqualTo(List.of("CMD", "/app/entrypoint", "healthcheck"));
		assertThat(list(api, "portMappings")).extracting((mapping) -> mapping.get("containerPort"))
			.containsExactlyInAnyOrder(ProjectFiles.applicationPort(), ProjectFiles.managementPort());
		assertThat(environment(api)).as("healthcheck asks the management port of application.properties")
			.doesNotContainKey("MANAGEMENT_SERVER_PORT");
		assertThat((Integer) api.get("stopTimeout")).as("stopTimeout outlasts the graceful shutdown")
			.isGreaterThan((int) ProjectFiles.gracefulShutdown().toSeconds());
	}

	@Test
	void everyVariableSetIsOneTheAppReads() throws IOException {
		Set<String> known = ProjectFiles.variablesTheAppReads();
		for (Path file : List.of(MIGRATE, SERVICE)) {
			Map<String, Object> container = container(read(file));
			List<String> names = Stream.concat(list(container, "environment").stream(), list(container, "secrets").stream())
				.map((entry) -> (String) entry.get("name"))
				.toList();
			assertThat(names).as(file + ": each variable once").doesNotHaveDuplicates();
			assertThat(names).as(file + ": variables missing from .env.example").isSubsetOf(known);
		}
	}

	@Test
	void bothTasksShareTheirSettingsAndTheComposeImage() throws IOException {
		Map<String, Object> migrate = container(read(MIGRATE));
		Map<String, Object> api = container(read(SERVICE));
		assertThat(ProjectFiles.repository((String) migrate.get("image"))).isEqualTo(ProjectFiles.composeImageRepository());
		assertThat(api.get("image")).as("the same build").isEqualTo(migrate.get("image"));
		Map<String, String> migrateEnvironment = environment(migrate);
		environment(api).forEach((name, value) -> {
			if (migrateEnvironment.containsKey(name)) {
				assertThat(migrateEnvironment.get(name)).as(name).isEqualTo(value);
			}
		});
		Map<String, String> migrateSecrets = secrets(migrate);
		secrets(api).forEach((name, arn) -> assertThat(migrateSecrets.get(name)).as(name).isIn(null, arn));
	}

	@Test
	void credentialsComeFromSecretsWithPlaceholderArns() throws IOException {
		for (Path file : List.of(MIGRATE, SERVICE)) {
			Map<String, Object> container = container(read(file));
			assertThat(environment(container).keySet()).as(file + ": credentials in plain environment")
				.noneMatch((name) -> name.endsWith("_URL") || name.endsWith("_PASSWORD"));
			assertThat(secrets(container).values()).as(file + ": secrets").allMatch((arn) -> SECRET_ARN.matcher(arn).matches());
			Set<String> accounts = new HashSet<>();
			collectAccounts(read(file), accounts);
			assertThat(accounts).as(file + ": AWS accounts named").containsOnly(PLACEHOLDER_ACCOUNT);
		}
	}

	@Test
	void bothTasksRunAsTheImageUserOnAReadOnlyRoot() throws IOException {
		String user = Long.toString(ProjectFiles.dockerfileUser());
		for (Path file : List.of(MIGRATE, SERVICE)) {
			Map<String, Object> definition = read(file);
			Map<String, Object> container = container(definition);
			assertThat((String) container.get("user")).as(file + ": user").matches(user + "(:\\d+)?");
			assertThat(container.get("readonlyRootFilesystem")).as(file + ": readonlyRootFilesystem").isEqualTo(true);
			List<Object> tmp = list(container, "mountPoints").stream()
				.filter((mount) -> "/tmp".equals(mount.get("containerPath")))
				.map((mount) -> mount.get("sourceVolume"))
				.toList();
			assertThat(tmp).as(file + ": a volume at /tmp").hasSize(1);
			assertThat(list(definition, "volumes")).as(file + ": volumes")
				.anySatisfy((volume) -> assertThat(volume.get("name")).isEqualTo(tmp.get(0)));
		}
	}

	@Test
	void migrateScriptRunsTheTaskWaitsAndExitsWithItsCode() throws IOException {
		String script = Files.readString(SCRIPT);
		assertThat(script).startsWith("#!/bin/sh\n")
			.contains("set -eu")
			.contains("aws ecs run-task")
			.contains("aws ecs wait tasks-stopped")
			.contains("containers[0].exitCode")
			.contains("exit \"$code\"");
		Matcher family = Pattern.compile("MIGRATE_TASK_DEFINITION:-([A-Za-z0-9_-]+)}").matcher(script);
		assertThat(family.find()).as("migrate.sh's default task definition").isTrue();
		assertThat(read(MIGRATE)).containsEntry("family", family.group(1));
		assertThat(Files.isExecutable(SCRIPT)).as("migrate.sh is executable").isTrue();
	}

	@Test
	void migrateScriptRunsMigratePostWhenAskedAndRefusesOtherArguments(@TempDir Path bin) throws Exception {
		// A stand-in for the AWS CLI: it records its arguments and answers as ECS would.
		Path aws = bin.resolve("aws");
		Files.writeString(aws, """
				#!/bin/sh
				printf '%s\\n' "$*" >> "$AWS_CALLS"
				case "$*" in
				*run-task*) echo arn:aws:ecs:eu-west-1:123456789012:task/prod/1 ;;
				*exitCode*) echo "$TASK_EXIT" ;;
				esac
				""");
		aws.toFile().setExecutable(true);
		Path calls = bin.resolve("calls");

		assertThat(runMigrateScript(bin, calls, "65", "--post")).isEqualTo(65);
		assertThat(Files.readString(calls)).contains("run-task")
			.contains("\"command\":[\"migrate\",\"--post\"]")
			.contains("wait tasks-stopped");
		Files.delete(calls);
		assertThat(runMigrateScript(bin, calls, "0")).isZero();
		assertThat(Files.readString(calls)).contains("\"command\":[\"migrate\"]");
		Files.delete(calls);
		assertThat(runMigrateScript(bin, calls, "0", "--force")).isEqualTo(64);
		assertThat(calls).as("nothing was started").doesNotExist();
	}

	private static int runMigrateScript(Path bin, Path calls, String taskExit, String... arguments) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		Map<String, String> env = builder.environment();
		env.put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
		env.put("AWS_CALLS", calls.toString());
		env.put("TASK_EXIT", taskExit);
		env.put("CLUSTER", "prod");
		env.put("SUBNETS", "subnet-1");
		env.put("SECURITY_GROUPS", "sg-1");
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

	private static Map<String, Object> read(Path file) {
		return Json.readStrictly(file);
	}

	private static List<Map<String, Object>> containers(Map<String, Object> definition) {
		return list(definition, "containerDefinitions");
	}

	private static Map<String, Object> container(Map<String, Object> definition) {
		return containers(definition).get(0);
	}

	/** A list of JSON objects, empty when absent. */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> object, String key) {
		Object value = object.get(key);
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> object, String key) {
		assertThat(object).containsKey(key);
		return (Map<String, Object>) object.get(key);
	}

	/** environment as name to value. */
	private static Map<String, String> environment(Map<String, Object> container) {
		return pairs(container, "environment", "value");
	}

	/** secrets as name to valueFrom. */
	private static Map<String, String> secrets(Map<String, Object> container) {
		return pairs(container, "secrets", "valueFrom");
	}

	private static Set<String> names(Map<String, Object> container) {
		Set<String> names = new HashSet<>(environment(container).keySet());
		names.addAll(secrets(container).keySet());
		return names;
	}

	private static Map<String, String> pairs(Map<String, Object> container, String key, String valueKey) {
		return list(container, key).stream()
			.collect(Collectors.toMap((entry) -> (String) entry.get("name"), (entry) -> (String) entry.get(valueKey)));
	}

	/** Every AWS account id in the strings of a JSON value. */
	private static void collectAccounts(Object value, Set<String> accounts) {
		if (value instanceof Map<?, ?> map) {
			map.values().forEach((child) -> collectAccounts(child, accounts));
		}
		else if (value instanceof List<?> list) {
			list.forEach((child) -> collectAccounts(child, accounts));
		}
		else if (value instanceof String string) {
			Matcher matcher = ACCOUNT.matcher(string);
			while (matcher.find()) {
				accounts.add(matcher.group(1));
			}
		}
	}

}
