// The hearing notice's channels (001 p.19 para 3; 000 p.13 para 2) in the user's language.
import { m } from '$lib/paraglide/messages';
import { NOTICE_CHANNELS, type NoticeChannel } from '$lib/domain/procedures/hearing-notice';

const LABELS: Record<NoticeChannel, () => string> = {
	'registered-letter': m.legala_channel_registered_letter,
	telephonogram: m.legala_channel_telephonogram,
	telegram: m.legala_channel_telegram,
	sms: m.legala_channel_sms,
	email: m.legala_channel_email,
	portal: m.legala_channel_portal
};

export const noticeChannels = NOTICE_CHANNELS;
export const channelName = (c: NoticeChannel): string => LABELS[c]();
