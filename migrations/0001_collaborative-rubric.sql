CREATE TABLE `behaviour_ticks` (
	`workshop_id` text NOT NULL,
	`group_id` text NOT NULL,
	`round` integer NOT NULL,
	`scenario_id` text,
	`rubric_id` text NOT NULL,
	`rater_participant_id` text NOT NULL,
	`ratee_participant_id` text,
	`criterion_id` text NOT NULL,
	`behaviour_id` text NOT NULL,
	`submitted_at` integer,
	`materialised_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `behaviour_ticks_round_idx` ON `behaviour_ticks` (`workshop_id`,`group_id`,`round`);--> statement-breakpoint
CREATE TABLE `notes` (
	`workshop_id` text NOT NULL,
	`group_id` text NOT NULL,
	`round` integer NOT NULL,
	`scenario_id` text,
	`note_id` text NOT NULL,
	`author_id` text NOT NULL,
	`author_name` text NOT NULL,
	`ratee_participant_id` text,
	`kind` text NOT NULL,
	`criterion_id` text,
	`offset_ms` integer,
	`text` text NOT NULL,
	`instead_of` text,
	`materialised_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notes_round_idx` ON `notes` (`workshop_id`,`group_id`,`round`);--> statement-breakpoint
CREATE TABLE `scores` (
	`workshop_id` text NOT NULL,
	`group_id` text NOT NULL,
	`round` integer NOT NULL,
	`scenario_id` text,
	`rubric_id` text NOT NULL,
	`kind` text NOT NULL,
	`rater_participant_id` text,
	`ratee_participant_id` text,
	`criterion_id` text NOT NULL,
	`score` integer NOT NULL,
	`submitted_at` integer,
	`materialised_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scores_round_idx` ON `scores` (`workshop_id`,`group_id`,`round`);--> statement-breakpoint
CREATE INDEX `scores_criterion_idx` ON `scores` (`rubric_id`,`criterion_id`);--> statement-breakpoint
CREATE TABLE `yjs_snapshots` (
	`doc_name` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`state` blob NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `yjs_snapshots_workshop_idx` ON `yjs_snapshots` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `yjs_updates` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_name` text NOT NULL,
	`workshop_id` text NOT NULL,
	`update` blob NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `yjs_updates_doc_idx` ON `yjs_updates` (`doc_name`,`seq`);--> statement-breakpoint
CREATE INDEX `yjs_updates_workshop_idx` ON `yjs_updates` (`workshop_id`);