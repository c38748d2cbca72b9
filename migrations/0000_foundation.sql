CREATE TABLE `auth_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`facilitator_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`facilitator_id`) REFERENCES `facilitators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_facilitator_idx` ON `auth_sessions` (`facilitator_id`);--> statement-breakpoint
CREATE TABLE `facilitators` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facilitators_email_unique` ON `facilitators` (`email`);--> statement-breakpoint
CREATE TABLE `plan_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`facilitator_id` text NOT NULL,
	`name` text NOT NULL,
	`plan` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`facilitator_id`) REFERENCES `facilitators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_templates_owner_name_unique` ON `plan_templates` (`facilitator_id`,`name`);--> statement-breakpoint
CREATE TABLE `workshop_events` (
	`workshop_id` text NOT NULL,
	`version` integer NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`occurred_at` integer NOT NULL,
	PRIMARY KEY(`workshop_id`, `version`),
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workshops` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`team_label` text,
	`facilitator_id` text NOT NULL,
	`status` text NOT NULL,
	`participant_count` integer DEFAULT 0 NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`facilitator_id`) REFERENCES `facilitators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workshops_code_unique` ON `workshops` (`code`);--> statement-breakpoint
CREATE INDEX `workshops_facilitator_idx` ON `workshops` (`facilitator_id`,`created_at`);