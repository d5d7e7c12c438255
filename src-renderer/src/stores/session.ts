import { create } from 'zustand';
import type { InputOf } from '../../../src-main/contract';
import type { Result } from '../../../src-main/contract/result';
import type { User } from '../../../src-main/contract/users';
import { api, type ApiError } from '../api/client';

type SessionState = {
  status: 'loading' | 'ready' | 'error';
  currentUser: User | null;
  users: User[];
  error: ApiError | null;
  load(): Promise<void>;
  createUser(draft: InputOf<'users:create'>): Promise<Result<User>>;
};

export const useSessionStore = create<SessionState>()((set, get) => ({
  status: 'loading',
  currentUser: null,
  users: [],
  error: null,
  async load() {
    set({ status: 'loading', error: null });
    const result = await api.users.session({});
    if (result.ok) set({ status: 'ready', currentUser: result.value.currentUser, users: result.value.users });
    else set({ status: 'error', error: result.error });
  },
  async createUser(draft) {
    const result = await api.users.create(draft);
    if (result.ok) set({ currentUser: result.value, users: [...get().users, result.value] });
    return result;
  },
}));
