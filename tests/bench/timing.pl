#!/usr/bin/perl
# timing.pl: wall and CPU time of commands, the best of several rounds.
#
#   perl timing.pl DIR REPS SPEC
#
# SPEC is a file of words, one a line (so that the commands of all the jobs
# together need not fit in one argument list):
#
#   ::job NAME ::run IN MAXOK CMD... [::run IN MAXOK CMD...] [::job NAME ...]
#
# A job is one or more commands started together; its wall time runs from the
# first fork to the last exit, its CPU time (user + system) is its commands'
# sum. The jobs take turns, REPS rounds of one run each, so that a slow spell
# of the machine falls on all of them rather than on the one timed then, and
# ratios between jobs hold. Each command reads IN and writes DIR/NAME.K.out (K
# its place in the job), a file created anew for each run: ext4 writes out a
# file truncated and written again when it is closed, and that wait would be
# counted as the command's.
#
# Prints "NAME WALL CPU RSS" per job: the shortest wall time and the smallest
# CPU time of its runs, in seconds, and the peak resident set in KB of one more
# run under GNU time (/usr/bin/time -f %M), or "-" for a job of several
# commands. An exit status above MAXOK, a signal or a failed exec stops
# everything with status 1.
use strict;
use warnings;
use POSIX qw(_exit);
use Time::HiRes qw(time);

die "usage: timing.pl DIR REPS SPEC\n"
    unless @ARGV == 3 && $ARGV[1] =~ /^[1-9][0-9]*$/;
my ($dir, $reps, $spec) = @ARGV;
my @args;
open(my $fh, "<", $spec) or die "$spec: $!\n";
while (my $word = <$fh>) {
	chomp $word;
	push @args, $word;
}
close($fh);

# Parse the jobs: [name, [[in, maxok, cmd...], ...]].
my @jobs;
while (@args) {
	my $word = shift @args;
	if ($word eq '::job') {
		my $name = shift @args // die "::job without a name\n";
		push @jobs, [$name, []];
	} elsif ($word eq '::run') {
		die "::run before ::job\n" unless @jobs;
		die "::run needs IN, MAXOK and a command\n" if @args < 3;
		my ($in, $maxok) = splice(@args, 0, 2);
		my @cmd;
		push @cmd, shift @args while @args && $args[0] !~ /^::(job|run)$/;
		die "::run without a command\n" unless @cmd;
		push @{$jobs[-1][1]}, [$in, $maxok, @cmd];
	} else {
		die "unexpected '$word'\n";
	}
}
for my $job (@jobs) {
	die "job $job->[0] has no command\n" unless @{$job->[1]};
}

# One run of a job: (wall, cpu). With a prefix (the GNU time command), each
# command runs under it.
sub run_job {
	my ($name, $runs, @prefix) = @_;
	my (%which, @pids);
	my @c0 = times;
	my $t = time;
	for my $k (0 .. $#$runs) {
		my ($in, $maxok, @cmd) = @{$runs->[$k]};
		my $out = "$dir/$name.$k.out";
		unlink($out);
		my $pid = fork() // die "fork: $!\n";
		if ($pid == 0) {
			open(STDIN, "<", $in) or die "$in: $!\n";
			open(STDOUT, ">", $out) or die "$out: $!\n";
			@cmd = (@prefix, @cmd);
			{ exec { $cmd[0] } @cmd };	# a block: no warning
			print STDERR "$cmd[0]: $!\n";
			_exit(127);
		}
		$which{$pid} = $runs->[$k];
	}
	for (1 .. @$runs) {
		my $pid = wait();
		my $st = $?;
		my ($in, $maxok, @cmd) = @{$which{$pid}};
		die "$cmd[0]: killed by signal ", $st & 127, "\n" if $st & 127;
		die "$cmd[0]: exit status ", $st >> 8, "\n" if ($st >> 8) > $maxok;
	}
	my $wall = time - $t;
	my @c1 = times;
	return ($wall, $c1[2] - $c0[2] + $c1[3] - $c0[3]);
}

my (%wall, %cpu);
for (1 .. $reps) {
	for my $job (@jobs) {
		my ($name, $runs) = @$job;
		my ($w, $c) = run_job($name, $runs);
		$wall{$name} = $w if !defined $wall{$name} || $w < $wall{$name};
		$cpu{$name} = $c if !defined $cpu{$name} || $c < $cpu{$name};
	}
}
for my $job (@jobs) {
	my ($name, $runs) = @$job;
	my $rss = "-";

	if (@$runs == 1) {
		my $file = "$dir/$name.rss";
		run_job($name, $runs, "/usr/bin/time", "-f", "%M", "-o", $file);
		open(my $fh, "<", $file) or die "$file: $!\n";
		while (<$fh>) {
			$rss = $1 if /^([0-9]+)$/;
		}
		close($fh);
	}
	printf "%s %.6f %.2f %s\n", $name, $wall{$name}, $cpu{$name}, $rss;
}
