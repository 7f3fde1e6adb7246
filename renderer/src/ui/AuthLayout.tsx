// The frame shared by the create-file and unlock screens: a centred card on a quiet background.
import type { ReactNode } from 'react';
import { Brand } from './Brand';

export function AuthLayout({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth__card">
        <Brand size="lg" />
        <h1 className="auth__title">{title}</h1>
        <p className="auth__intro">{intro}</p>
        {children}
      </div>
      <p className="auth__foot">Your customer records stay in one encrypted file on this computer.</p>
    </main>
  );
}
