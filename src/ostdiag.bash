# bash completion for ostdiag
_ostdiag()
{
	local cur prev words cword command=
	_init_completion || return

	# rules and explain take only a few options: offer only those.
	[[ ${words[1]} == rules || ${words[1]} == explain ]] && command=${words[1]}
	case $prev in
	-f|--format)
		if [[ -n $command ]]; then
			COMPREPLY=($(compgen -W 'text json' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'text brief json jsonl checklist html' -- "$cur"))
		fi
		return ;;
	--color)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
	--min-level)
		COMPREPLY=($(compgen -W 'info warning error' -- "$cur")); return ;;
	--input-format)
		COMPREPLY=($(compgen -W 'auto text msg rtf eml pst' -- "$cur")); return ;;
	--encoding)
		COMPREPLY=($(compgen -W 'auto utf-8 utf-16le utf-16be windows-1252' -- "$cur"))
		return ;;
	--only|--exclude)
		COMPREPLY=($(compgen -W "$(ostdiag rules --format json 2>/dev/null |
		    grep -o '"id":"[^"]*"' | cut -d'"' -f4)" -- "$cur"))
		return ;;
	-j|--jobs)
		COMPREPLY=($(compgen -W "$(printf '%s\n' 1 2 4 8 $(nproc 2>/dev/null) |
		    sort -nu)" -- "$cur")); return ;;
	-r|--rules|--check)
		_filedir; return ;;
	esac
	if [[ $cur == -* ]]; then
		case $command in
		rules)
			COMPREPLY=($(compgen -W '--format --rules --check --help
			    --version' -- "$cur")) ;;
		explain)
			COMPREPLY=($(compgen -W '--format --rules --help
			    --version -' -- "$cur")) ;;
		*)
			COMPREPLY=($(compgen -W '--format --no-merge --quiet
			    --verbose --timeline --color --redact --min-level
			    --only --exclude --recursive --include --exclude-file
			    --files-with-findings --files-without-findings
			    --jobs --input-format --encoding --rules --help
			    --version' -- "$cur")) ;;
		esac
		return
	fi
	if [[ $command == explain ]]; then
		COMPREPLY=($(compgen -W "$(ostdiag rules --format json 2>/dev/null |
		    grep -o '"id":"[^"]*"' | cut -d'"' -f4)" -- "$cur"))
		return
	fi
	[[ $command == rules ]] && return
	if [[ $cword -eq 1 ]]; then
		COMPREPLY=($(compgen -W 'rules explain' -- "$cur"))
	fi
	_filedir
}
complete -F _ostdiag ostdiag
